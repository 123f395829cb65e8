#pragma once

#include "core/stats/ClusterStats.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace qd {

// One point of a trend line.
struct TrendSample {
    qint64 atMs = 0; // milliseconds since the epoch, UTC
    double value = 0;
    friend bool operator==(const TrendSample&, const TrendSample&) = default;
};

// Fixed-size history of each metric of each cluster, for the charts and the trends endpoint.
// Memory is bounded by construction: capacity samples per series, the oldest overwritten.
class TrendStore final {
public:
    // Metric names, shared with the compare engine and the API.
    static QStringList standardMetrics(); // queue_size, processing_count, dead_letter_count, ...
    static QString queueMetric(const QString& queueName)
    {
        return QStringLiteral("queue_size:") + queueName;
    }

    explicit TrendStore(qsizetype capacity = 720); // one hour at a 5 s interval

    // Records every standard metric, per-queue sizes and latency of one poll.
    void record(const ClusterStats& stats);
    void removeCluster(const QString& cluster);
    void setCapacity(qsizetype capacity); // keeps the newest samples

    // Samples oldest first; sinceMs filters (0: all).
    QList<TrendSample> series(
        const QString& cluster, const QString& metric, qint64 sinceMs = 0) const;
    QStringList metrics(const QString& cluster) const;
    qsizetype capacity() const { return m_capacity; }

private:
    class Ring final {
    public:
        explicit Ring(qsizetype capacity);
        void push(TrendSample sample);
        QList<TrendSample> toList(qint64 sinceMs) const;
        void resize(qsizetype capacity);

    private:
        std::vector<TrendSample> m_samples;
        qsizetype m_start = 0;
        qsizetype m_size = 0;
    };

    void push(const QString& cluster, const QString& metric, TrendSample sample);

    qsizetype m_capacity;
    QHash<QString, QHash<QString, Ring>> m_series; // cluster -> metric -> ring
};

} // namespace qd
