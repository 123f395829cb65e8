#pragma once

#include "core/util/Severity.h"

#include <QString>
#include <QStringView>

namespace qd {

namespace anomalytype {
inline constexpr QStringView Deviation {u"deviation"}; // a cluster unlike the others
inline constexpr QStringView BacklogJump {u"backlog_jump"}; // a cluster unlike its own past
inline constexpr QStringView ErrorRateSpike {u"error_rate_spike"};
inline constexpr QStringView WorkerDrop {u"worker_drop"};
} // namespace anomalytype

// One element of the compare result's "anomalies" (and of anomaly_detected events).
struct Anomaly {
    QString type; // "type": one of anomalytype::*
    QString cluster; // "cluster"
    QString metric; // "metric": "queue_size", "error_rate"...
    QString description; // "description": a sentence with the numbers
    double value = 0; // "value": what the cluster shows now
    double expected = 0; // "expected": the median of the compared clusters, or its baseline
    Severity severity = Severity::Warning; // "severity": info, warning or critical

    // The same anomaly seen on a later poll has the same key; the engine emits
    // anomaly_detected only for keys it has not reported yet.
    QString key() const;
    friend bool operator==(const Anomaly&, const Anomaly&) = default;
};

} // namespace qd
