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
    if (first && report.status != HealthStatus::Unknown && !transition.statusChanged)
        m_announced = report.status; // cluster_connected told it: healthy
    if (!first || report.status != HealthStatus::Unknown)
        gate(transition, report);
    m_last = report;
    return transition;
}

void HealthTracker::gate(HealthTransition& transition, const HealthReport& report)
{
    const QDateTime now = report.lastChecked;
    if (transition.statusChanged && now.isValid())
        m_changes.append(now);
    const qint64 windowMs = m_flapWindow.count();
    while (!m_changes.isEmpty() && now.isValid() && m_changes.constFirst().msecsTo(now) > windowMs)
        m_changes.removeFirst();

    if (m_flapping) {
        if (!m_changes.isEmpty()) {
            transition.statusChanged = false; // told once already: "flapping"
            transition.healthyChanged = false;
            return;
        }
        // Steady for a whole window: the state it settled in is news unless already told.
        m_flapping = false;
        transition.statusChanged = m_announced != report.status;
        transition.healthyChanged
            = transition.statusChanged && m_last && report.healthy != m_last->healthy;
    } else if (transition.statusChanged && m_changes.size() > m_flapChanges) {
        m_flapping = true;
        transition.flapping = true;
        transition.recentChanges = int(m_changes.size());
    }
    if (transition.statusChanged && !transition.flapping && m_announced == report.status) {
        // The same status twice in a row is one transition, told once.
        transition.statusChanged = false;
        transition.healthyChanged = false;
    }
    if (transition.statusChanged)
        m_announced = report.status;
}

void HealthTracker::reset()
{
    m_last.reset();
    m_reach = Reach::Unknown;
    m_announced.reset();
    m_changes.clear();
    m_flapping = false;
}

} // namespace qd
