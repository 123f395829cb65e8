#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

namespace prometheus {
class Counter;
class Histogram;
class Registry;
struct MetricFamily;
template <typename T>
class Family;
} // namespace prometheus

namespace qd {
struct MultiAction;
struct PollResult;
} // namespace qd

namespace qd::api {

// The counters and histograms of /metrics that accumulate over the process's life: API
// requests, polls (duration, cost, failures), actions, SSE drops. Per-cluster series are
// removed when the cluster is. Gauges of the current state come from ClusterGauges at scrape.
class ApiMetrics final {
public:
    ApiMetrics();
    ~ApiMetrics();
    ApiMetrics(const ApiMetrics&) = delete;
    ApiMetrics& operator=(const ApiMetrics&) = delete;

    void observeRequest(const QString& route, const QString& method, int status, double seconds);
    void observePoll(const PollResult& result);
    // Counts an action once, when it reaches a final status.
    void observeAction(const MultiAction& action);
    void observeSseDrop(const QString& reason);
    // Drops the series of clusters not in `names`.
    void retainClusters(const QSet<QString>& names);

    std::vector<prometheus::MetricFamily> collect() const;

private:
    struct ClusterSeries;
    using CounterFamily = prometheus::Family<prometheus::Counter>;
    using HistogramFamily = prometheus::Family<prometheus::Histogram>;

    ClusterSeries& cluster(const QString& name);
    void removeCluster(const QString& name);

    std::unique_ptr<prometheus::Registry> m_registry;
    CounterFamily* m_requests = nullptr;
    HistogramFamily* m_requestDuration = nullptr;
    CounterFamily* m_polls = nullptr;
    CounterFamily* m_pollFailures = nullptr;
    HistogramFamily* m_pollDuration = nullptr;
    CounterFamily* m_pollRoundTrips = nullptr;
    CounterFamily* m_pollCommands = nullptr;
    CounterFamily* m_pollBytesSent = nullptr;
    CounterFamily* m_pollBytesReceived = nullptr;
    CounterFamily* m_actions = nullptr;
    HistogramFamily* m_actionDuration = nullptr;
    CounterFamily* m_actionTargets = nullptr;
    CounterFamily* m_sseDrops = nullptr;
    QHash<QString, std::shared_ptr<ClusterSeries>> m_clusters;
    // Request series by "route method status": looked up once, then a hash hit per request.
    QHash<QString, std::pair<prometheus::Counter*, prometheus::Histogram*>> m_requestSeries;
    QSet<QString> m_countedActions; // ids already counted (final statuses are reported once)
};

} // namespace qd::api
