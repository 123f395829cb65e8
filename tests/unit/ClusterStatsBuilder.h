#pragma once

#include "core/stats/ClusterStats.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>

// Builds ClusterStats for the health, compare and anomaly tests, so that each table row says
// only what differs from an ordinary poll.
namespace qd::test {

inline QDateTime pollTime(int index)
{
    static const QDateTime start(QDate(2025, 1, 14), QTime(10, 30), Qt::UTC);
    return start.addSecs(5 * qint64(index));
}

class ClusterStatsBuilder final {
public:
    explicit ClusterStatsBuilder(const QString& cluster = QStringLiteral("production"))
    {
        m_stats.clusterName = cluster;
        m_stats.workersComplete = true;
        m_stats.ratesKnown = true;
        m_stats.polledAt = pollTime(0);
    }

    ClusterStatsBuilder& queue(const QString& name, qint64 length, bool paused = false)
    {
        QueueStat& queue = m_stats.queues.emplace_back();
        queue.name = name;
        queue.key = QStringLiteral("jobqueue:") + name;
        queue.length = length;
        queue.paused = paused;
        return *this;
    }
    ClusterStatsBuilder& liveWorkers(int count)
    {
        for (int i = 0; i < count; ++i) {
            WorkerStat& worker = m_stats.workers.emplace_back();
            worker.id = QStringLiteral("live-%1").arg(i);
            worker.heartbeatTtlMs = 20000;
            worker.heartbeatAgeMs = 10000;
        }
        *m_stats.workerCount += count;
        return *this;
    }
    // A worker without a heartbeat; with jobs in its processing list it is orphaned.
    ClusterStatsBuilder& silentWorker(const QString& id, qint64 processing)
    {
        WorkerStat& worker = m_stats.workers.emplace_back();
        worker.id = id;
        worker.processingLength = processing;
        m_stats.processingCount += processing;
        return *this;
    }
    ClusterStatsBuilder& processing(qint64 count)
    {
        m_stats.processingCount = count;
        return *this;
    }
    ClusterStatsBuilder& deadLetters(qint64 count)
    {
        m_stats.deadLetterCount = count;
        return *this;
    }
    ClusterStatsBuilder& latency(double ms)
    {
        m_stats.latencyMs = ms;
        return *this;
    }
    ClusterStatsBuilder& memory(qint64 used, qint64 max)
    {
        m_stats.server.usedMemory = used;
        m_stats.server.maxMemory = max;
        return *this;
    }
    ClusterStatsBuilder& rates(double jobRate, double errorRate)
    {
        m_stats.ratesKnown = true;
        m_stats.jobRate = jobRate;
        m_stats.errorRate = errorRate;
        return *this;
    }
    ClusterStatsBuilder& ratesUnknown()
    {
        m_stats.ratesKnown = false;
        m_stats.jobRate = 0;
        m_stats.errorRate = 0;
        return *this;
    }
    ClusterStatsBuilder& discoveryIncomplete()
    {
        m_stats.workersComplete = false;
        return *this;
    }
    ClusterStatsBuilder& at(int pollIndex)
    {
        m_stats.polledAt = pollTime(pollIndex);
        return *this;
    }

    ClusterStats build() const { return m_stats; }
    operator ClusterStats() const { return m_stats; } // NOLINT: rows read better without build()

private:
    ClusterStats m_stats;
};

// Polls 0..values.size()-1 of one cluster, oldest first, each made by `make(value)`.
template <typename Value>
QList<ClusterStats> pollSeries(
    const QList<Value>& values, const std::function<ClusterStatsBuilder(Value)>& make)
{
    QList<ClusterStats> polls;
    for (qsizetype i = 0; i < values.size(); ++i)
        polls.append(make(values.at(i)).at(int(i)).build());
    return polls;
}

} // namespace qd::test

Q_DECLARE_METATYPE(qd::ClusterStats)
