#include "gui/NotificationThrottle.h"

namespace qd::gui {

NotificationThrottle::NotificationThrottle(qint64 cooldownMs, int burst, qint64 windowMs)
    : m_cooldownMs(cooldownMs), m_burst(burst), m_windowMs(windowMs)
{
}

bool NotificationThrottle::allow(const QString& subject, qint64 nowMs)
{
    m_recent.removeIf([this, nowMs](qint64 at) { return nowMs - at >= m_windowMs; });
    const auto last = m_lastBySubject.constFind(subject);
    const bool cooling = last != m_lastBySubject.cend() && nowMs - *last < m_cooldownMs;
    if (cooling || m_recent.size() >= m_burst) {
        ++m_suppressed;
        return false;
    }
    m_lastBySubject.insert(subject, nowMs);
    m_recent.append(nowMs);
    return true;
}

int NotificationThrottle::takeSuppressed()
{
    return std::exchange(m_suppressed, 0);
}

} // namespace qd::gui
