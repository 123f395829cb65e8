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

// Bounded history of each metric of each cluster, for the charts and the trends endpoint.
//
// Memory layout, and why: the default keeps one hour at poll resolution, i.e. 3600 polls at a
// 1 s interval, of 7 standard metrics plus one series per queue (107 for 100 queues). Storing
// a full {qint64, double} sample per metric and allocating every ring at its full capacity up
// front would cost 16 B x 3600 x 107 = 6.2 MB per cluster from the first poll on, about 308 MB
// for 50 clusters: twice the 150 MB the whole server may use (docs/benchmarks.md). So:
//  - the timestamp is stored once per cluster and recorded poll (a ring of qint64), and each
//    metric keeps only a float per poll in a slot aligned with that ring: 8 + 4 x 107 B per
//    poll, about 1.6 MB per cluster after a full hour (-75 %);
//  - storage grows as polls arrive (doubling, never past the capacity), so a minute of polling
//    costs a minute of samples, not an hour;
//  - a metric missing from a poll (a queue that went away, or is not configured yet) holds a
//    NaN in that slot, which series() skips; a metric first seen late starts at that poll; a
//    metric whose last value has left the window is dropped along with its storage.
// A float carries about 7 significant digits: exact for counts up to 16 777 216 and far finer
// than a chart or a trend reader needs for rates and latencies. A value that is itself NaN is
// not recorded.
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
    qsizetype capacity() const { return m_capacity; } // polls kept per cluster at most

    // Polls of `cluster` currently held (<= capacity()).
    qsizetype recordedPolls(const QString& cluster) const;
    // Poll slots allocated for `cluster` (its timestamp ring; each metric has as many): grows
    // with the recorded polls and never exceeds capacity().
    qsizetype allocatedPolls(const QString& cluster) const;
    // Bytes held by the sample storage of every cluster (timestamps and values, not the hash
    // tables around them): what the capacity and the metric count cost in practice.
    qint64 allocatedBytes() const;

private:
    struct ClusterSeries {
        // Ring of poll timestamps. While it holds fewer than the capacity it only grows at the
        // end (start == 0); once full, `start` is the oldest slot and the next poll reuses it.
        std::vector<qint64> atMs;
        qsizetype start = 0;
        quint64 polls = 0; // polls recorded ever: the sequence number of the next one
        struct Metric {
            std::vector<float> values; // aligned with atMs; NaN where a poll lacked the metric
            quint64 lastPoll = 0; // sequence number of the newest poll that had it
        };
        QHash<QString, Metric> metrics;

        qsizetype size() const { return static_cast<qsizetype>(atMs.size()); }
        // Slot for a new poll at `atMs`, every metric's value there set to NaN.
        qsizetype advance(qint64 at, qsizetype capacity);
        void put(const QString& metric, qsizetype slot, double value);
        // Reorders the ring so the oldest poll is slot 0.
        void linearize();
        // Keeps the newest `capacity` polls and frees what is beyond them.
        void truncate(qsizetype capacity);
        // Drops metrics none of whose values are still in the ring.
        void dropExpired();
    };

    qsizetype m_capacity;
    QHash<QString, ClusterSeries> m_series; // cluster -> its polls and metrics
};

} // namespace qd
