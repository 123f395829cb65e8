#include "api/metrics/ClusterGauges.h"

#include "api/ApiVersion.h"
#include "api/metrics/PrometheusText.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/telemetry/Telemetry.h"

#include <algorithm>
#include <array>

namespace qd::api {
namespace {

using Family = PrometheusText::Family;

std::string str(const QString& text)
{
    return text.toStdString();
}

// The gauges whose values come from a cluster's newest successful poll.
struct StatsGauges {
    explicit StatsGauges(PrometheusText& r)
        : latency(r.gauge("queuedeck_cluster_latency_seconds",
            "Wall time of the newest successful poll of the cluster"))
        , queueLength(r.gauge("queuedeck_queue_length", "Jobs waiting in a queue"))
        , queuePaused(r.gauge("queuedeck_queue_paused", "1 when the queue's pause flag is set"))
        , processing(r.gauge("queuedeck_processing_jobs", "Jobs in workers' processing lists"))
        , deadLetters(r.gauge("queuedeck_dead_letter_jobs", "Jobs in the dead-letter list"))
        , completed(r.gauge("queuedeck_completed_jobs", "Jobs in the completed list"))
        , workers(r.gauge("queuedeck_workers", "Workers with a live heartbeat"))
        , orphaned(
              r.gauge("queuedeck_orphaned_workers", "Workers holding jobs without a heartbeat"))
        , jobRate(r.gauge("queuedeck_job_rate", "Jobs completed per second over the rate window"))
        , errorRate(r.gauge("queuedeck_error_ratio",
              "Share of finished jobs that went to the dead-letter list, 0 to 1"))
        , memory(r.gauge("queuedeck_redis_memory_used_bytes", "Redis used_memory"))
        , memoryMax(r.gauge("queuedeck_redis_memory_max_bytes", "Redis maxmemory (0: no limit)"))
        , clients(r.gauge("queuedeck_redis_connected_clients", "Redis connected_clients"))
        , polledAt(r.gauge("queuedeck_poll_last_success_timestamp_seconds",
              "When the newest successful poll ran (Unix time)"))
        , pollCommands(r.gauge(
              "queuedeck_poll_last_commands", "Redis commands of the newest successful poll"))
        , pollRoundTrips(r.gauge("queuedeck_poll_last_round_trips",
              "Network round trips of the newest successful poll"))
        , pollBytes(r.gauge("queuedeck_poll_last_transferred_bytes",
              "Bytes sent and received by the newest successful poll"))
    {
    }

    void add(const std::string& c, const ClusterStats& s) const
    {
        latency.add({{"cluster", c}}, s.latencyMs / 1000.0);
        for (const QueueStat& q : s.queues) {
            const std::string queue = str(q.name);
            queueLength.add({{"cluster", c}, {"queue", queue}}, static_cast<double>(q.length));
            queuePaused.add({{"cluster", c}, {"queue", queue}}, q.paused ? 1 : 0);
        }
        processing.add({{"cluster", c}}, static_cast<double>(s.processingCount));
        if (s.deadLettersKnown)
            deadLetters.add({{"cluster", c}}, static_cast<double>(s.deadLetterCount));
        if (s.completedKnown)
            completed.add({{"cluster", c}}, static_cast<double>(s.completedCount));
        // Unknown workers leave the gauge out rather than reporting none.
        if (s.workerCount)
            workers.add({{"cluster", c}}, *s.workerCount);
        const auto orphans = std::count_if(
            s.workers.cbegin(), s.workers.cend(), [](const WorkerStat& w) { return w.orphaned(); });
        orphaned.add({{"cluster", c}}, static_cast<double>(orphans));
        if (s.ratesKnown) {
            jobRate.add({{"cluster", c}}, s.jobRate);
            errorRate.add({{"cluster", c}}, s.errorRate);
        }
        memory.add({{"cluster", c}}, static_cast<double>(s.server.usedMemory));
        memoryMax.add({{"cluster", c}}, static_cast<double>(s.server.maxMemory));
        clients.add({{"cluster", c}}, static_cast<double>(s.server.connectedClients));
        polledAt.add(
            {{"cluster", c}}, static_cast<double>(s.polledAt.toMSecsSinceEpoch()) / 1000.0);
        pollCommands.add({{"cluster", c}}, static_cast<double>(s.cost.commands));
        pollRoundTrips.add({{"cluster", c}}, static_cast<double>(s.cost.roundTrips));
        pollBytes.add(
            {{"cluster", c}, {"direction", "sent"}}, static_cast<double>(s.cost.bytesSent));
        pollBytes.add(
            {{"cluster", c}, {"direction", "received"}}, static_cast<double>(s.cost.bytesReceived));
    }

    Family& latency;
    Family& queueLength;
    Family& queuePaused;
    Family& processing;
    Family& deadLetters;
    Family& completed;
    Family& workers;
    Family& orphaned;
    Family& jobRate;
    Family& errorRate;
    Family& memory;
    Family& memoryMax;
    Family& clients;
    Family& polledAt;
    Family& pollCommands;
    Family& pollRoundTrips;
    Family& pollBytes;
};

// The span pipeline's totals (always present, zero while tracing is off), so an alert or a
// dashboard can see spans lost to a slow or missing receiver.
void addTraceCounters(PrometheusText& text)
{
    const telemetry::PipelineStats t = telemetry::pipelineStats();
    Family& dropped = text.counter("queuedeck_trace_spans_dropped_total",
        "Trace spans not delivered, by reason (queue_full, export_failed, shutdown)");
    dropped.add({{"reason", "queue_full"}}, static_cast<double>(t.droppedQueueFull));
    dropped.add({{"reason", "export_failed"}}, static_cast<double>(t.droppedExportFailed));
    dropped.add({{"reason", "shutdown"}}, static_cast<double>(t.droppedShutdown));
    text.counter("queuedeck_trace_export_failures_total",
            "Trace export requests the receiver did not accept or could not be sent")
        .add({}, static_cast<double>(t.exportFailures));
    text.counter("queuedeck_trace_spans_exported_total", "Trace spans the receiver accepted")
        .add({}, static_cast<double>(t.exported));
}

} // namespace

std::string ClusterGauges::render(
    const Manager& manager, const ActionEngine& actions, int sseClients)
{
    PrometheusText text;
    text.gauge("queuedeck_build_info", "QueueDeck version and API version; always 1")
        .add({{"version", QD_VERSION}, {"api_version", str(apiVersion())}}, 1);
    Family& configured = text.gauge("queuedeck_cluster_enabled",
        "1 for a watched cluster, 0 for a configured but disabled one");
    Family& up = text.gauge("queuedeck_cluster_up", "1 when the most recent poll succeeded");
    Family& healthy = text.gauge("queuedeck_cluster_healthy",
        "1 when the cluster is reachable and has no error or critical issue");
    Family& status = text.gauge("queuedeck_cluster_health_status",
        "1 for the cluster's current health status, 0 for the others");
    Family& issues = text.gauge(
        "queuedeck_cluster_health_issues", "Open health issues of the cluster, by severity");
    const StatsGauges stats(text);

    static constexpr std::array kStatuses {HealthStatus::Unknown, HealthStatus::Healthy,
        HealthStatus::Degraded, HealthStatus::Unhealthy};
    static constexpr std::array kSeverities {
        Severity::Info, Severity::Warning, Severity::Error, Severity::Critical};
    std::array<std::string, kStatuses.size()> statusNames;
    for (std::size_t i = 0; i < kStatuses.size(); ++i)
        statusNames[i] = str(healthStatusName(kStatuses[i]));
    std::array<std::string, kSeverities.size()> severityNames;
    for (std::size_t i = 0; i < kSeverities.size(); ++i)
        severityNames[i] = str(severityName(kSeverities[i]));

    for (const QString& name : manager.clusterNames()) {
        const std::string c = str(name);
        const bool enabled = manager.cluster(name).enabled;
        configured.add({{"cluster", c}}, enabled ? 1 : 0);
        if (!enabled)
            continue;
        const std::optional<HealthReport> found = manager.findHealth(name);
        if (!found)
            continue;
        const HealthReport& report = *found;
        up.add({{"cluster", c}}, report.reachable ? 1 : 0);
        healthy.add({{"cluster", c}}, report.healthy ? 1 : 0);
        for (std::size_t i = 0; i < kStatuses.size(); ++i)
            status.add({{"cluster", c}, {"status", statusNames[i]}},
                report.status == kStatuses[i] ? 1 : 0);
        for (std::size_t i = 0; i < kSeverities.size(); ++i) {
            const auto count = std::count_if(report.issues.cbegin(), report.issues.cend(),
                [&](const HealthIssue& issue) { return issue.severity == kSeverities[i]; });
            issues.add(
                {{"cluster", c}, {"severity", severityNames[i]}}, static_cast<double>(count));
        }
        // The cache's own copy, not a copy of every cluster's stats per scrape.
        if (const ClusterStats* latest = manager.latestStats(name))
            stats.add(c, *latest);
    }

    text.gauge("queuedeck_actions_running", "Actions executing now")
        .add({}, static_cast<double>(actions.actions(ActionStatus::Executing).size()));
    text.gauge("queuedeck_actions_pending", "Actions waiting for confirmation")
        .add({}, static_cast<double>(actions.actions(ActionStatus::Pending).size()));
    text.gauge("queuedeck_sse_clients", "Clients connected to the event stream")
        .add({}, sseClients);
    addTraceCounters(text);
    return text.text();
}

} // namespace qd::api
