#include "core/stats/TrendStore.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace qd {

namespace {

constexpr float kAbsent = std::numeric_limits<float>::quiet_NaN();
// Slots allocated by the first poll of a cluster; later growth doubles up to the capacity.
constexpr qsizetype kFirstSlots = 16;

// The double a reader should see for a stored float: the shortest decimal that names the float
// (0.1f reads back as 0.1, not 0.100000001490116), so JSON and tooltips show the figure that
// was recorded to float precision instead of binary noise.
double widen(float value)
{
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, value);
    double out = value;
    if (written.ec == std::errc())
        std::from_chars(text, written.ptr, out);
    return out;
}

} // namespace

QStringList TrendStore::standardMetrics()
{
    return {QStringLiteral("queue_size"), QStringLiteral("processing_count"),
        QStringLiteral("dead_letter_count"), QStringLiteral("worker_count"),
        QStringLiteral("job_rate"), QStringLiteral("error_rate"), QStringLiteral("latency_ms")};
}

TrendStore::TrendStore(qsizetype capacity) : m_capacity(std::max<qsizetype>(2, capacity))
{
}

qsizetype TrendStore::ClusterSeries::advance(qint64 at, qsizetype capacity)
{
    ++polls;
    if (size() >= capacity) {
        // Full: the oldest poll gives its slot to this one.
        const qsizetype slot = start;
        atMs[static_cast<std::size_t>(slot)] = at;
        for (Metric& metric : metrics)
            metric.values[static_cast<std::size_t>(slot)] = kAbsent;
        start = (start + 1) % size();
        return slot;
    }
    if (atMs.size() == atMs.capacity()) {
        // Grow by doubling, never beyond the capacity: a short run costs only what it
        // recorded, a long one ends at exactly `capacity` slots.
        const auto grown
            = static_cast<std::size_t>(std::min(capacity, std::max(kFirstSlots, 2 * size())));
        atMs.reserve(grown);
        for (Metric& metric : metrics)
            metric.values.reserve(grown);
    }
    atMs.push_back(at);
    for (Metric& metric : metrics)
        metric.values.push_back(kAbsent);
    return size() - 1;
}

void TrendStore::ClusterSeries::put(const QString& name, qsizetype slot, double value)
{
    if (std::isnan(value))
        return; // NaN marks "absent": recording one would read as a gap anyway
    auto it = metrics.find(name);
    if (it == metrics.end()) {
        // First seen now: absent from every earlier poll still in the ring.
        it = metrics.insert(name, Metric {});
        it->values.reserve(atMs.capacity());
        it->values.assign(atMs.size(), kAbsent);
    }
    it->values[static_cast<std::size_t>(slot)] = static_cast<float>(value);
    it->lastPoll = polls - 1;
}

void TrendStore::ClusterSeries::linearize()
{
    if (start == 0)
        return;
    std::rotate(atMs.begin(), atMs.begin() + start, atMs.end());
    for (Metric& metric : metrics)
        std::rotate(metric.values.begin(), metric.values.begin() + start, metric.values.end());
    start = 0;
}

void TrendStore::ClusterSeries::truncate(qsizetype capacity)
{
    linearize();
    const qsizetype excess = size() - capacity;
    if (excess > 0) {
        atMs.erase(atMs.begin(), atMs.begin() + excess);
        for (Metric& metric : metrics)
            metric.values.erase(metric.values.begin(), metric.values.begin() + excess);
    }
    if (static_cast<qsizetype>(atMs.capacity()) > capacity) {
        // Give the memory back: a smaller capacity is how an operator asks for less of it.
        atMs.shrink_to_fit();
        for (Metric& metric : metrics)
            metric.values.shrink_to_fit();
    }
    dropExpired();
}

void TrendStore::ClusterSeries::dropExpired()
{
    // The ring holds polls polls - size() .. polls - 1; a metric last seen before that has
    // only NaNs left and would list as a metric with an empty series.
    const quint64 oldestHeld = polls - static_cast<quint64>(size());
    metrics.removeIf(
        [oldestHeld](const auto& entry) { return entry.value().lastPoll < oldestHeld; });
}

void TrendStore::record(const ClusterStats& stats)
{
    ClusterSeries& cluster = m_series[stats.clusterName];
    const qsizetype slot = cluster.advance(stats.polledAt.toMSecsSinceEpoch(), m_capacity);
    const auto put = [&](const QString& metric, double value) { cluster.put(metric, slot, value); };
    put(QStringLiteral("queue_size"), static_cast<double>(stats.totalQueued()));
    put(QStringLiteral("processing_count"), static_cast<double>(stats.processingCount));
    if (stats.deadLettersKnown)
        put(QStringLiteral("dead_letter_count"), static_cast<double>(stats.deadLetterCount));
    if (stats.workerCount)
        put(QStringLiteral("worker_count"), *stats.workerCount);
    put(QStringLiteral("job_rate"), stats.jobRate);
    put(QStringLiteral("error_rate"), stats.errorRate);
    put(QStringLiteral("latency_ms"), stats.latencyMs);
    for (const QueueStat& queue : stats.queues)
        put(queueMetric(queue.name), static_cast<double>(queue.length));
    cluster.dropExpired();
}

void TrendStore::removeCluster(const QString& cluster)
{
    m_series.remove(cluster);
}

void TrendStore::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(2, capacity);
    for (ClusterSeries& cluster : m_series) {
        // Also when growing: a full ring must be in order before it can grow at its end.
        cluster.truncate(m_capacity);
    }
}

QList<TrendSample> TrendStore::series(
    const QString& clusterName, const QString& metricName, qint64 sinceMs) const
{
    const auto cluster = m_series.constFind(clusterName);
    if (cluster == m_series.cend())
        return {};
    const auto metric = cluster->metrics.constFind(metricName);
    if (metric == cluster->metrics.cend())
        return {};
    QList<TrendSample> out;
    const qsizetype size = cluster->size();
    out.reserve(size);
    for (qsizetype i = 0; i < size; ++i) {
        const auto slot = static_cast<std::size_t>((cluster->start + i) % size);
        const float value = metric->values[slot];
        const qint64 at = cluster->atMs[slot];
        if (!std::isnan(value) && at >= sinceMs)
            out.append(TrendSample {at, widen(value)});
    }
    return out;
}

QStringList TrendStore::metrics(const QString& clusterName) const
{
    const auto cluster = m_series.constFind(clusterName);
    if (cluster == m_series.cend())
        return {};
    QStringList names = cluster->metrics.keys();
    names.sort();
    return names;
}

qsizetype TrendStore::recordedPolls(const QString& clusterName) const
{
    const auto cluster = m_series.constFind(clusterName);
    return cluster == m_series.cend() ? 0 : cluster->size();
}

qsizetype TrendStore::allocatedPolls(const QString& clusterName) const
{
    const auto cluster = m_series.constFind(clusterName);
    return cluster == m_series.cend() ? 0 : static_cast<qsizetype>(cluster->atMs.capacity());
}

qint64 TrendStore::allocatedBytes() const
{
    qint64 bytes = 0;
    for (const ClusterSeries& cluster : m_series) {
        bytes += static_cast<qint64>(cluster.atMs.capacity() * sizeof(qint64));
        for (const auto& metric : cluster.metrics)
            bytes += static_cast<qint64>(metric.values.capacity() * sizeof(float));
    }
    return bytes;
}

} // namespace qd
