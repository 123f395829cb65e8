#pragma once

#include "core/actions/ActionRunner.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace qd {

// benchmark: enqueues real jobs of the queue system's schema with LPUSH in pipelines of the
// given depth and measures enqueue throughput and the latency of each pipelined batch
// (p50/p95/p99). When the jobs go onto a queue that workers consume, it also watches the
// completed list and measures end-to-end completion latency. It removes what it created: the
// dedicated bench queue, or its leftover jobs and completed entries on a real queue.
class BenchmarkRunner final : public ActionRunner {
public:
    static constexpr qint64 kProgressIntervalNs = 50'000'000;

    TargetResult run(const ActionContext& context) override;

    // Writes bench jobs of the queue system's schema (the fields QJsonDocument would write, in
    // its order) from pieces escaped once, so that building a job costs a few appends instead
    // of a JSON object: at redis-benchmark speeds the JSON object was the bottleneck.
    class JobTemplate final {
    public:
        // Every job carries the W3C ids of the span that pushed it, as the queue system's jobs
        // do (32 and 16 lowercase hex digits).
        JobTemplate(const QString& idPrefix, const QString& priority, qint64 paddingBytes,
            const QString& traceId, const QString& spanId);
        // Job number n: id idPrefix + n, created at creationTime (ISO 8601).
        QByteArray render(qint64 n, const QByteArray& creationTime) const;

    private:
        QByteArray m_beforeTime;
        QByteArray m_beforePath;
        QByteArray m_beforeId;
        QByteArray m_tail; // from after the id to the end
    };

    // Nearest-rank percentile of sorted values (p in 0..100); 0 for no values.
    static double percentile(const QList<double>& sorted, double p);
};

} // namespace qd
