#include "api/metrics/ClusterGauges.h"

#include "api/ApiVersion.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/telemetry/Telemetry.h"

#include <array>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace qd::api {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Registry;

std::string str(const QString& text)
{
    return text.toStdString();
}

Family<Gauge>& gauge(Registry& registry, const char* name, const char* help)
{
    return BuildGauge().Name(name).Help(help).Register(registry);
}

// The gauges whose values come from a cluster's newest successful poll.
struct StatsGauges {
    explicit StatsGauges(Registry& r)
        : latency(gauge(r, "queuedeck_cluster_latency_seconds",
            "Wall time of the newest successful poll of the cluster"))
        , queueLength(gauge(r, "queuedeck_queue_length", "Jobs waiting in a queue"))
        , queuePaused(gauge(r, "queuedeck_queue_paused", "1 when the queue's pause flag is set"))
        , processing(gauge(r, "queuedeck_processing_jobs", "Jobs in workers' processing lists"))
        , deadLetters(gauge(r, "queuedeck_dead_letter_jobs", "Jobs in the dead-letter list"))
        , completed(gauge(r, "queuedeck_completed_jobs", "Jobs in the completed list"))
        , workers(gauge(r, "queuedeck_workers", "Workers with a live heartbeat"))
        , orphaned(
              gauge(r, "queuedeck_orphaned_workers", "Workers holding jobs without a heartbeat"))
        , jobRate(gauge(r, "queuedeck_job_rate", "Jobs completed per second over the rate window"))
        , errorRate(gauge(r, "queuedeck_error_ratio",
              "Share of finished jobs that went to the dead-letter list, 0 to 1"))
        , memory(gauge(r, "queuedeck_redis_memory_used_bytes", "Redis used_memory"))
        , memoryMax(gauge(r, "queuedeck_redis_memory_max_bytes", "Redis maxmemory (0: no limit)"))
        , clients(gauge(r, "queuedeck_redis_connected_clients", "Redis connected_clients"))
        , polledAt(gauge(r, "queuedeck_poll_last_success_timestamp_seconds",
              "When the newest successful poll ran (Unix time)"))
        , pollCommands(gauge(
              r, "queuedeck_poll_last_commands", "Redis commands of the newest successful poll"))
        , pollRoundTrips(gauge(r, "queuedeck_poll_last_round_trips",
              "Network round trips of the newest successful poll"))
        , pollBytes(gauge(r, "queuedeck_poll_last_transferred_bytes",
              "Bytes sent and received by the newest successful poll"))
    {
    }

    void add(const ClusterStats& s) const
    {
        const std::string c = str(s.clusterName);
        latency.Add({{"cluster", c}}).Set(s.latencyMs / 1000.0);
        for (const QueueStat& q : s.queues) {
            queueLength.Add({{"cluster", c}, {"queue", str(q.name)}})
                .Set(static_cast<double>(q.length));
            queuePaused.Add({{"cluster", c}, {"queue", str(q.name)}}).Set(q.paused ? 1 : 0);
        }
        processing.Add({{"cluster", c}}).Set(static_cast<double>(s.processingCount));
        if (s.deadLettersKnown)
            deadLetters.Add({{"cluster", c}}).Set(static_cast<double>(s.deadLetterCount));
        if (s.completedKnown)
            completed.Add({{"cluster", c}}).Set(static_cast<double>(s.completedCount));
        // Unknown workers leave the gauge out rather than reporting none.
        if (s.workerCount)
            workers.Add({{"cluster", c}}).Set(*s.workerCount);
        orphaned.Add({{"cluster", c}}).Set(static_cast<double>(s.orphanedWorkers().size()));
        if (s.ratesKnown) {
            jobRate.Add({{"cluster", c}}).Set(s.jobRate);
            errorRate.Add({{"cluster", c}}).Set(s.errorRate);
        }
        memory.Add({{"cluster", c}}).Set(static_cast<double>(s.server.usedMemory));
        memoryMax.Add({{"cluster", c}}).Set(static_cast<double>(s.server.maxMemory));
        clients.Add({{"cluster", c}}).Set(static_cast<double>(s.server.connectedClients));
        polledAt.Add({{"cluster", c}})
            .Set(static_cast<double>(s.polledAt.toMSecsSinceEpoch()) / 1000.0);
        pollCommands.Add({{"cluster", c}}).Set(static_cast<double>(s.cost.commands));
        pollRoundTrips.Add({{"cluster", c}}).Set(static_cast<double>(s.cost.roundTrips));
        pollBytes.Add({{"cluster", c}, {"direction", "sent"}})
            .Set(static_cast<double>(s.cost.bytesSent));
        pollBytes.Add({{"cluster", c}, {"direction", "received"}})
            .Set(static_cast<double>(s.cost.bytesReceived));
    }

    Family<Gauge>& latency;
    Family<Gauge>& queueLength;
    Family<Gauge>& queuePaused;
    Family<Gauge>& processing;
    Family<Gauge>& deadLetters;
    Family<Gauge>& completed;
    Family<Gauge>& workers;
    Family<Gauge>& orphaned;
    Family<Gauge>& jobRate;
    Family<Gauge>& errorRate;
    Family<Gauge>& memory;
    Family<Gauge>& memoryMax;
    Family<Gauge>& clients;
    Family<Gauge>& polledAt;
    Family<Gauge>& pollCommands;
    Family<Gauge>& pollRoundTrips;
    Family<Gauge>& pollBytes;
};

// The span pipeline's totals (always present, zero while tracing is off), so an alert or a
// dashboard can see spans lost to a slow or missing receiver.
void addTraceCounters(Registry& registry)
{
    const telemetry::PipelineStats t = telemetry::pipelineStats();
    auto& dropped = BuildCounter()
                        .Name("queuedeck_trace_spans_dropped_total")
                        .Help("Trace spans not delivered, by reason (queue_full, export_failed, "
                              "shutdown)")
                        .Register(registry);
    dropped.Add({{"reason", "queue_full"}}).Increment(static_cast<double>(t.droppedQueueFull));
    dropped.Add({{"reason", "export_failed"}})
        .Increment(static_cast<double>(t.droppedExportFailed));
    dropped.Add({{"reason", "shutdown"}}).Increment(static_cast<double>(t.droppedShutdown));
    BuildCounter()
        .Name("queuedeck_trace_export_failures_total")
        .Help("Trace export requests the receiver did not accept or could not be sent")
        .Register(registry)
        .Add({})
        .Increment(static_cast<double>(t.exportFailures));
    BuildCounter()
        .Name("queuedeck_trace_spans_exported_total")
        .Help("Trace spans the receiver accepted")
        .Register(registry)
        .Add({})
        .Increment(static_cast<double>(t.exported));
}

} // namespace

std::vector<prometheus::MetricFamily> ClusterGauges::collect(
    const Manager& manager, const ActionEngine& actions, int sseClients)
{
    Registry registry;
    gauge(registry, "queuedeck_build_info", "QueueDeck version and API version; always 1")
        .Add({{"version", QD_VERSION}, {"api_version", str(apiVersion())}})
        .Set(1);
    auto& configured = gauge(registry, "queuedeck_cluster_enabled",
        "1 for a watched cluster, 0 for a configured but disabled one");
    auto& up = gauge(registry, "queuedeck_cluster_up", "1 when the most recent poll succeeded");
    auto& healthy = gauge(registry, "queuedeck_cluster_healthy",
        "1 when the cluster is reachable and has no error or critical issue");
    auto& status = gauge(registry, "queuedeck_cluster_health_status",
        "1 for the cluster's current health status, 0 for the others");
    auto& issues = gauge(registry, "queuedeck_cluster_health_issues",
        "Open health issues of the cluster, by severity");
    const StatsGauges stats(registry);

    static constexpr std::array kStatuses {HealthStatus::Unknown, HealthStatus::Healthy,
        HealthStatus::Degraded, HealthStatus::Unhealthy};
    static constexpr std::array kSeverities {
        Severity::Info, Severity::Warning, Severity::Error, Severity::Critical};
    const QMap<QString, ClusterStats> all = manager.allStats();
    for (const QString& name : manager.clusterNames()) {
        const std::string c = str(name);
        const bool enabled = manager.cluster(name).enabled;
        configured.Add({{"cluster", c}}).Set(enabled ? 1 : 0);
        if (!enabled)
            continue;
        const std::optional<HealthReport> found = manager.findHealth(name);
        if (!found)
            continue;
        const HealthReport& report = *found;
        up.Add({{"cluster", c}}).Set(report.reachable ? 1 : 0);
        healthy.Add({{"cluster", c}}).Set(report.healthy ? 1 : 0);
        for (const HealthStatus s : kStatuses) {
            status.Add({{"cluster", c}, {"status", str(healthStatusName(s))}})
                .Set(report.status == s ? 1 : 0);
        }
        for (const Severity severity : kSeverities) {
            const auto count = std::count_if(report.issues.cbegin(), report.issues.cend(),
                [severity](const HealthIssue& issue) { return issue.severity == severity; });
            issues.Add({{"cluster", c}, {"severity", str(severityName(severity))}})
                .Set(static_cast<double>(count));
        }
        if (const auto it = all.constFind(name); it != all.cend())
            stats.add(*it);
    }

    gauge(registry, "queuedeck_actions_running", "Actions executing now")
        .Add({})
        .Set(static_cast<double>(actions.actions(ActionStatus::Executing).size()));
    gauge(registry, "queuedeck_actions_pending", "Actions waiting for confirmation")
        .Add({})
        .Set(static_cast<double>(actions.actions(ActionStatus::Pending).size()));
    gauge(registry, "queuedeck_sse_clients", "Clients connected to the event stream")
        .Add({})
        .Set(sseClients);
    addTraceCounters(registry);
    return registry.Collect();
}

} // namespace qd::api
