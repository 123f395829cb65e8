#pragma once

#include "core/health/HealthReport.h"
#include "core/health/HealthTransition.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <optional>

namespace qd {

// Remembers one cluster's last health report so the engine emits events on transitions
// only, each status at most once in a row, and a cluster that keeps changing once as flapping
// rather than on every change. One tracker per cluster; a cluster removed and added again
// starts a new tracker.
class HealthTracker final {
public:
    // More than `changes` status changes within `window` (by the reports' lastChecked) make the
    // cluster flapping; it is steady again after `window` without a change.
    void setFlapLimits(int changes, std::chrono::milliseconds window)
    {
        m_flapChanges = changes;
        m_flapWindow = window;
    }
    bool isFlapping() const { return m_flapping; }

    // Records `report` as the current one and tells what changed since the previous one.
    HealthTransition update(const HealthReport& report);

    const std::optional<HealthReport>& last() const { return m_last; }
    void reset();

private:
    enum class Reach { Unknown, Reachable, Unreachable };
    static Reach reachOf(const HealthReport& report);

    // Applies the flap limits to a status change of `report` (or to no change).
    void gate(HealthTransition& transition, const HealthReport& report);

    std::optional<HealthReport> m_last;
    std::optional<HealthStatus> m_announced; // the status the last health_changed told
    QList<QDateTime> m_changes; // recent status changes, oldest first
    int m_flapChanges = 4;
    std::chrono::milliseconds m_flapWindow {600000};
    bool m_flapping = false;
    // Kept apart from m_last: an "unknown" report (no data) must not make the next success
    // look like a reconnection.
    Reach m_reach = Reach::Unknown;
};

} // namespace qd
