#pragma once

#include "core/compare/Anomaly.h"
#include "core/compare/CompareMetric.h"

#include <QList>
#include <QStringList>

namespace qd {

// The POST /api/v1/stats/compare answer.
struct CompareResult {
    QStringList clusters; // "clusters": as asked, duplicates dropped
    // "metrics": an object keyed by each metric's name; here in display order: the six
    // aggregates, then queue_size:<queue> in the order the queues first appear.
    QList<CompareMetric> metrics;
    // "worker_metrics" (QueueDeck extension): MetricSpec::workerDetails() side by side, keyed
    // and shaped like "metrics"; here in display order.
    QList<CompareMetric> workerMetrics;
    QList<Anomaly> anomalies; // "anomalies": worst first

    const CompareMetric* metric(QStringView name) const;
    QList<Anomaly> anomaliesOf(const QString& cluster) const;
};

} // namespace qd
