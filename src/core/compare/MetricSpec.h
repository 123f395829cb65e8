#pragma once

#include "core/stats/ClusterStats.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace qd {

// One comparable metric: how to read it from a poll, its unit, and the smallest absolute
// difference that can matter. The floor keeps small numbers quiet: 0 against 2 queued jobs is
// 100% apart and still nothing an operator should be told about.
struct MetricSpec {
    QString name; // "queue_size", "queue_size:high"...
    QString unit; // "jobs", "workers", "jobs/s", "ratio"
    double floor = 1;
    // nullopt: not known for this poll (a rate before two polls, a queue not configured).
    std::function<std::optional<double>(const ClusterStats&)> read;

    // The six cluster-wide metrics of the compare result, in the order shown.
    static QList<MetricSpec> aggregates();
    // The four worker figures of the compare result's "worker_metrics", in the order shown:
    // known_workers, busy_workers (holding a job), orphaned_workers (holding jobs without a
    // heartbeat) and oldest_heartbeat_ms (absent where no worker beats).
    static QList<MetricSpec> workerDetails();
    // "queue_size:<queue>": one configured queue's length.
    static MetricSpec queueSize(const QString& queue);
    static MetricSpec byName(const QString& name); // an aggregate or "queue_size:<q>"

    // |difference| / max(|reference|, floor): a relative size that cannot divide by ~0.
    double relative(double difference, double reference) const;
    // At least the floor apart, and more than thresholdPercent of the reference.
    bool significant(double difference, double reference, double thresholdPercent) const;
    // "475 jobs", "12.5 jobs/s", "4.0% errors"
    QString format(double value) const;
};

} // namespace qd
