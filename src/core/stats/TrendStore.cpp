#include "core/stats/TrendStore.h"

namespace qd {

QStringList TrendStore::standardMetrics()
{
    return {QStringLiteral("queue_size"), QStringLiteral("processing_count"),
        QStringLiteral("dead_letter_count"), QStringLiteral("worker_count"),
        QStringLiteral("job_rate"), QStringLiteral("error_rate"), QStringLiteral("latency_ms")};
}

TrendStore::TrendStore(qsizetype capacity) : m_capacity(std::max<qsizetype>(2, capacity))
{
}

TrendStore::Ring::Ring(qsizetype capacity) : m_samples(static_cast<std::size_t>(capacity))
{
}

void TrendStore::Ring::push(TrendSample sample)
{
    const auto capacity = static_cast<qsizetype>(m_samples.size());
    const qsizetype slot = (m_start + m_size) % capacity;
    m_samples[static_cast<std::size_t>(slot)] = sample;
    if (m_size < capacity)
        ++m_size;
    else
        m_start = (m_start + 1) % capacity;
}

QList<TrendSample> TrendStore::Ring::toList(qint64 sinceMs) const
{
    QList<TrendSample> out;
    out.reserve(m_size);
    const auto capacity = static_cast<qsizetype>(m_samples.size());
    for (qsizetype i = 0; i < m_size; ++i) {
        const TrendSample& sample = m_samples[static_cast<std::size_t>((m_start + i) % capacity)];
        if (sample.atMs >= sinceMs)
            out.append(sample);
    }
    return out;
}

void TrendStore::Ring::resize(qsizetype capacity)
{
    const QList<TrendSample> kept = toList(0);
    m_samples.assign(static_cast<std::size_t>(capacity), TrendSample {});
    m_start = 0;
    m_size = 0;
    for (qsizetype i = std::max<qsizetype>(0, kept.size() - capacity); i < kept.size(); ++i)
        push(kept[i]);
}

void TrendStore::push(const QString& cluster, const QString& metric, TrendSample sample)
{
    auto& perMetric = m_series[cluster];
    auto it = perMetric.find(metric);
    if (it == perMetric.end())
        it = perMetric.insert(metric, Ring(m_capacity));
    it->push(sample);
}

void TrendStore::record(const ClusterStats& stats)
{
    const qint64 at = stats.polledAt.toMSecsSinceEpoch();
    const auto put = [&](const QString& metric, double value) {
        push(stats.clusterName, metric, TrendSample {at, value});
    };
    put(QStringLiteral("queue_size"), static_cast<double>(stats.totalQueued()));
    put(QStringLiteral("processing_count"), static_cast<double>(stats.processingCount));
    put(QStringLiteral("dead_letter_count"), static_cast<double>(stats.deadLetterCount));
    put(QStringLiteral("worker_count"), stats.workerCount);
    put(QStringLiteral("job_rate"), stats.jobRate);
    put(QStringLiteral("error_rate"), stats.errorRate);
    put(QStringLiteral("latency_ms"), stats.latencyMs);
    for (const QueueStat& queue : stats.queues)
        put(queueMetric(queue.name), static_cast<double>(queue.length));
}

void TrendStore::removeCluster(const QString& cluster)
{
    m_series.remove(cluster);
}

void TrendStore::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(2, capacity);
    for (auto& perMetric : m_series) {
        for (Ring& ring : perMetric)
            ring.resize(m_capacity);
    }
}

QList<TrendSample> TrendStore::series(
    const QString& cluster, const QString& metric, qint64 sinceMs) const
{
    const auto perMetric = m_series.constFind(cluster);
    if (perMetric == m_series.cend())
        return {};
    const auto ring = perMetric->constFind(metric);
    return ring == perMetric->cend() ? QList<TrendSample>() : ring->toList(sinceMs);
}

QStringList TrendStore::metrics(const QString& cluster) const
{
    QStringList names = m_series.value(cluster).keys();
    names.sort();
    return names;
}

} // namespace qd
