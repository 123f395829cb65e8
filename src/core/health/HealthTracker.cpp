#include "core/health/HealthTracker.h"

namespace qd {

HealthTracker::Reach HealthTracker::reachOf(const HealthReport& report)
{
    if (report.status == HealthStatus::Unknown)
        return Reach::Unknown;
    return report.reachable ? Reach::Reachable : Reach::Unreachable;
}

HealthTransition HealthTracker::update(const HealthReport& report)
{
    HealthTransition transition;
    transition.previous = m_last ? m_last->status : HealthStatus::Unknown;
    transition.current = report.status;

    const Reach reach = reachOf(report);
    if (reach != Reach::Unknown && reach != m_reach) {
        transition.connected = reach == Reach::Reachable;
        transition.disconnected = reach == Reach::Unreachable;
        m_reach = reach;
    }

    // After an "unknown" report (no data yet) the next real one is still the first verdict.
    const bool first = !m_last || m_last->status == HealthStatus::Unknown;
    if (!first) {
        transition.statusChanged = report.status != m_last->status;
        transition.healthyChanged = report.healthy != m_last->healthy;
    } else {
        // The first report sets the scene: cluster_connected already says "it is up";
        // health_changed is news only when the cluster starts out anything but healthy.
        transition.statusChanged
            = report.status != HealthStatus::Unknown && report.status != HealthStatus::Healthy;
        transition.healthyChanged = transition.statusChanged && !report.healthy;
    }
    m_last = report;
    return transition;
}

void HealthTracker::reset()
{
    m_last.reset();
    m_reach = Reach::Unknown;
}

} // namespace qd
