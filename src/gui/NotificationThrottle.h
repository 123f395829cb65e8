#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace qd::gui {

// Keeps desktop notifications rare enough to be read: the same subject (cluster and kind) at
// most once per cooldown, and at most a burst of notifications per window overall. What is held
// back is counted, so the next notification can say "and 3 more".
class NotificationThrottle final {
public:
    NotificationThrottle(
        qint64 cooldownMs = 5 * 60 * 1000, int burst = 3, qint64 windowMs = 60 * 1000);

    // Whether a notification about subject may be shown at nowMs; records it when it may.
    bool allow(const QString& subject, qint64 nowMs);
    // Notifications refused since the last allowed one (then reset).
    int takeSuppressed();
    // A subject whose condition ended (a cluster recovered) may notify again at once.
    void reset(const QString& subject) { m_lastBySubject.remove(subject); }

private:
    qint64 m_cooldownMs;
    int m_burst;
    qint64 m_windowMs;
    QHash<QString, qint64> m_lastBySubject;
    QList<qint64> m_recent;
    int m_suppressed = 0;
};

} // namespace qd::gui
