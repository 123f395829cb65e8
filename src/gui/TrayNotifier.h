#pragma once

#include "core/events/Event.h"
#include "core/health/HealthStatus.h"
#include "core/util/Severity.h"
#include "gui/NotificationThrottle.h"

#include <QHash>
#include <QObject>
#include <QSystemTrayIcon>

#include <optional>

class QMenu;

namespace qd {
class Manager;
}

namespace qd::gui {

// The tray icon: its colour is the worst health of all clusters, its tooltip says which are
// not healthy, and it notifies (rate-limited) when a cluster turns unhealthy or recovers, once
// when a cluster flaps (the engine's health_changed events are already sustained transitions),
// and when a warning or critical anomaly appears. Clicking a notification opens that cluster.
class TrayNotifier final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(Manager& manager, QObject* parent = nullptr);

    HealthStatus worstHealth() const { return m_worst; }
    QString toolTip() const;
    // Whether the desktop shows tray icons. Close-to-tray only hides the window when it does,
    // so a window never disappears where it could not be found again.
    bool isAvailable() const
    {
        return m_assumeAvailable.value_or(QSystemTrayIcon::isSystemTrayAvailable());
    }
    // For tests on the offscreen platform, which has no tray: the window's behaviour with one
    // (nullopt: ask the platform again).
    void assumeAvailable(std::optional<bool> available) { m_assumeAvailable = available; }
    void setNotificationsEnabled(bool enabled) { m_enabled = enabled; }
    void setContextMenu(QMenu* menu) { m_tray.setContextMenu(menu); }
    void setVisible(bool visible);
    // What the last notification was about (tests, and the click that follows it).
    const QString& lastCluster() const { return m_lastCluster; }
    const QString& lastMessage() const { return m_lastMessage; }
    int notificationCount() const { return m_count; }

    // The event a notification would come from (public for tests).
    void onEvent(const Event& event);

Q_SIGNALS:
    void openClusterRequested(const QString& cluster);
    void toggleWindowRequested();
    void notified(const QString& cluster, const QString& title, const QString& message);

private:
    void onHealthUpdated(const QString& cluster);
    void updateIcon();
    void notify(const QString& cluster, const QString& subject, const QString& title,
        const QString& message, Severity severity);
    QString labelOf(const QString& cluster) const;

    Manager& m_manager;
    QSystemTrayIcon m_tray {this};
    NotificationThrottle m_throttle;
    QHash<QString, HealthStatus> m_statuses; // last known per enabled cluster
    QHash<QString, QString> m_toldStatus; // per cluster: the status of the last health event
    HealthStatus m_worst = HealthStatus::Unknown;
    std::optional<bool> m_assumeAvailable;
    bool m_iconSet = false;
    bool m_enabled = true;
    QString m_lastCluster;
    QString m_lastMessage;
    int m_count = 0;
};

} // namespace qd::gui
