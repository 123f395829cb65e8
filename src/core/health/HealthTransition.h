#pragma once

#include "core/health/HealthStatus.h"

namespace qd {

// What changed between a cluster's previous health report and this one: the events the
// engine emits. Several may be set at once (a cluster that drops is both disconnected and
// unhealthy); none is set while a cluster stays as it was, however many polls fail.
struct HealthTransition {
    HealthStatus previous = HealthStatus::Unknown;
    HealthStatus current = HealthStatus::Unknown;
    bool connected = false; // emit cluster_connected: first success, or success after failure
    bool disconnected = false; // emit cluster_disconnected: first failure after success/start
    bool statusChanged = false; // emit health_changed
    bool healthyChanged = false; // "healthy" flipped: the tray notifies on a turn to unhealthy
    // With statusChanged: the cluster changed status too often of late and is announced once as
    // flapping; the changes that follow are held back until it has been steady for a while.
    bool flapping = false;
    int recentChanges = 0; // with flapping: the status changes within the flap window

    bool any() const { return connected || disconnected || statusChanged; }
    friend bool operator==(const HealthTransition&, const HealthTransition&) = default;
};

} // namespace qd
