#pragma once

#include "core/health/HealthReport.h"
#include "core/health/HealthTransition.h"

#include <optional>

namespace qd {

// Remembers one cluster's last health report so the engine emits events on transitions
// only. One tracker per cluster; a cluster removed and added again starts a new tracker.
class HealthTracker final {
public:
    // Records `report` as the current one and tells what changed since the previous one.
    HealthTransition update(const HealthReport& report);

    const std::optional<HealthReport>& last() const { return m_last; }
    void reset();

private:
    enum class Reach { Unknown, Reachable, Unreachable };
    static Reach reachOf(const HealthReport& report);

    std::optional<HealthReport> m_last;
    // Kept apart from m_last: an "unknown" report (no data) must not make the next success
    // look like a reconnection.
    Reach m_reach = Reach::Unknown;
};

} // namespace qd
