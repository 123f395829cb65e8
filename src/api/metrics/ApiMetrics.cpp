#include "api/metrics/ApiMetrics.h"

#include "core/actions/MultiAction.h"
#include "core/stats/PollTarget.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace qd::api {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildHistogram;
using prometheus::Counter;
using prometheus::Histogram;

std::string str(const QString& text)
{
    return text.toStdString();
}

const Histogram::BucketBoundaries& requestBuckets()
{
    static const Histogram::BucketBoundaries buckets {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return buckets;
}

const Histogram::BucketBoundaries& pollBuckets()
{
    static const Histogram::BucketBoundaries buckets {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return buckets;
}

const Histogram::BucketBoundaries& actionBuckets()
{
    static const Histogram::BucketBoundaries buckets {
        0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600};
    return buckets;
}

} // namespace

// The series of one cluster, kept so they can be removed with it.
struct ApiMetrics::ClusterSeries {
    Counter* pollsOk = nullptr;
    Counter* pollsFailed = nullptr;
    Histogram* duration = nullptr;
    Counter* roundTrips = nullptr;
    Counter* commands = nullptr;
    Counter* bytesSent = nullptr;
    Counter* bytesReceived = nullptr;
    QHash<QString, Counter*> failures; // by failure kind
};

ApiMetrics::ApiMetrics() : m_registry(std::make_unique<prometheus::Registry>())
{
    auto& r = *m_registry;
    m_requests = &BuildCounter()
                      .Name("queuedeck_api_requests_total")
                      .Help("API requests answered, by route template, method and status code")
                      .Register(r);
    m_requestDuration = &BuildHistogram()
                             .Name("queuedeck_api_request_duration_seconds")
                             .Help("Time from a parsed API request to its answer")
                             .Register(r);
    m_polls = &BuildCounter()
                   .Name("queuedeck_polls_total")
                   .Help("Polls of a cluster, by result (ok or failed)")
                   .Register(r);
    m_pollFailures = &BuildCounter()
                          .Name("queuedeck_poll_failures_total")
                          .Help("Failed polls of a cluster, by failure kind")
                          .Register(r);
    m_pollDuration = &BuildHistogram()
                          .Name("queuedeck_poll_duration_seconds")
                          .Help("Wall time of one poll of a cluster, failed polls included")
                          .Register(r);
    m_pollRoundTrips = &BuildCounter()
                            .Name("queuedeck_poll_round_trips_total")
                            .Help("Network round trips spent polling a cluster")
                            .Register(r);
    m_pollCommands = &BuildCounter()
                          .Name("queuedeck_poll_commands_total")
                          .Help("Redis commands sent while polling a cluster")
                          .Register(r);
    m_pollBytesSent = &BuildCounter()
                           .Name("queuedeck_poll_sent_bytes_total")
                           .Help("Bytes sent to Redis while polling a cluster")
                           .Register(r);
    m_pollBytesReceived = &BuildCounter()
                               .Name("queuedeck_poll_received_bytes_total")
                               .Help("Bytes received from Redis while polling a cluster")
                               .Register(r);
    m_actions = &BuildCounter()
                     .Name("queuedeck_actions_total")
                     .Help("Actions that reached a final status, by type and status")
                     .Register(r);
    m_actionDuration = &BuildHistogram()
                            .Name("queuedeck_action_duration_seconds")
                            .Help("Execution time of finished actions, by type")
                            .Register(r);
    m_actionTargets = &BuildCounter()
                           .Name("queuedeck_action_targets_total")
                           .Help("Per-cluster results of finished actions, by type and result")
                           .Register(r);
    m_sseDrops = &BuildCounter()
                      .Name("queuedeck_sse_dropped_clients_total")
                      .Help("Event stream clients dropped by the server, by reason")
                      .Register(r);
}

ApiMetrics::~ApiMetrics() = default;

void ApiMetrics::observeRequest(
    const QString& route, const QString& method, int status, double seconds)
{
    const QString key = route + u' ' + method + u' ' + QString::number(status);
    auto it = m_requestSeries.find(key);
    if (it == m_requestSeries.end()) {
        it = m_requestSeries.insert(key,
            {&m_requests->Add({{"route", str(route)}, {"method", str(method)},
                 {"status", std::to_string(status)}}),
                &m_requestDuration->Add({{"route", str(route)}}, requestBuckets())});
    }
    it->first->Increment();
    it->second->Observe(seconds);
}

ApiMetrics::ClusterSeries& ApiMetrics::cluster(const QString& name)
{
    auto it = m_clusters.find(name);
    if (it != m_clusters.end())
        return **it;
    auto series = std::make_shared<ClusterSeries>();
    const std::string c = str(name);
    series->pollsOk = &m_polls->Add({{"cluster", c}, {"result", "ok"}});
    series->pollsFailed = &m_polls->Add({{"cluster", c}, {"result", "failed"}});
    series->duration = &m_pollDuration->Add({{"cluster", c}}, pollBuckets());
    series->roundTrips = &m_pollRoundTrips->Add({{"cluster", c}});
    series->commands = &m_pollCommands->Add({{"cluster", c}});
    series->bytesSent = &m_pollBytesSent->Add({{"cluster", c}});
    series->bytesReceived = &m_pollBytesReceived->Add({{"cluster", c}});
    return **m_clusters.insert(name, series);
}

void ApiMetrics::observePoll(const PollResult& result)
{
    ClusterSeries& s = cluster(result.cluster);
    s.duration->Observe(static_cast<double>(result.duration.count()) / 1000.0);
    if (result.stats) {
        s.pollsOk->Increment();
        const PollCost& cost = result.stats->cost;
        s.roundTrips->Increment(static_cast<double>(cost.roundTrips));
        s.commands->Increment(static_cast<double>(cost.commands));
        s.bytesSent->Increment(static_cast<double>(cost.bytesSent));
        s.bytesReceived->Increment(static_cast<double>(cost.bytesReceived));
        return;
    }
    s.pollsFailed->Increment();
    const QString kind = result.failure && !result.failure->kind.isEmpty()
        ? result.failure->kind
        : QStringLiteral("error");
    Counter*& failures = s.failures[kind];
    if (!failures)
        failures = &m_pollFailures->Add({{"cluster", str(result.cluster)}, {"kind", str(kind)}});
    failures->Increment();
}

void ApiMetrics::observeAction(const MultiAction& action)
{
    if (!isFinal(action.status) || m_countedActions.contains(action.id))
        return;
    // The engine reports a final status once, right after the last change; remembering the
    // recent ids only guards against a repeat, so the set need not grow with the process.
    if (m_countedActions.size() >= 4096)
        m_countedActions.clear();
    m_countedActions.insert(action.id);
    const std::string type = str(action.type);
    m_actions->Add({{"type", type}, {"status", str(actionStatusName(action.status))}}).Increment();
    if (action.executedAt.isValid() && action.finishedAt.isValid()) {
        const double seconds
            = static_cast<double>(action.executedAt.msecsTo(action.finishedAt)) / 1000.0;
        m_actionDuration->Add({{"type", type}}, actionBuckets()).Observe(std::max(0.0, seconds));
    }
    for (const TargetResult& result : action.results) {
        if (result.finished)
            m_actionTargets->Add({{"type", type}, {"result", result.success ? "ok" : "failed"}})
                .Increment();
    }
}

void ApiMetrics::observeSseDrop(const QString& reason)
{
    m_sseDrops->Add({{"reason", str(reason)}}).Increment();
}

void ApiMetrics::removeCluster(const QString& name)
{
    const auto series = m_clusters.take(name);
    if (!series)
        return;
    m_polls->Remove(series->pollsOk);
    m_polls->Remove(series->pollsFailed);
    m_pollDuration->Remove(series->duration);
    m_pollRoundTrips->Remove(series->roundTrips);
    m_pollCommands->Remove(series->commands);
    m_pollBytesSent->Remove(series->bytesSent);
    m_pollBytesReceived->Remove(series->bytesReceived);
    for (Counter* failures : std::as_const(series->failures))
        m_pollFailures->Remove(failures);
}

void ApiMetrics::retainClusters(const QSet<QString>& names)
{
    const QList<QString> known = m_clusters.keys();
    for (const QString& name : known) {
        if (!names.contains(name))
            removeCluster(name);
    }
}

std::vector<prometheus::MetricFamily> ApiMetrics::collect() const
{
    return m_registry->Collect();
}

} // namespace qd::api
