#pragma once

#include "core/util/Severity.h"

namespace qd {

// The fixed cut-offs of anomaly detection (the cross-cluster percentage comes from
// compare_mode.delta_threshold). docs/health-and-anomalies.md explains each value.
struct AnomalyThresholds {
    // Modified z-score cut-off of Iglewicz and Hoaglin: |x - median| / (1.4826 MAD).
    double robustZ = 3.5;
    int baselinePolls = 12; // the newest polls of a cluster's history that form its baseline
    int minBaselinePolls = 3; // fewer: no baseline, so no verdict against it
    double backlogJumpRatio = 1.0; // backlog_jump: at least +100% over the baseline (doubled)
    double errorSpikeRatio = 1.0; // error_rate_spike: at least +100% (floor-relative)
    double workerDropRatio = 0.5; // worker_drop: at least half the baseline's workers gone
    // Severity by relative size r (deviation over its reference): r < warningFrom is info,
    // r >= criticalFrom is critical, warning between.
    double warningFrom = 0.5;
    double criticalFrom = 2.0;

    Severity severityFor(double relative) const;
};

} // namespace qd
