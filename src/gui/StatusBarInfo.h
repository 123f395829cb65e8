#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTimer;

namespace qd {
class Manager;
}

namespace qd::gui {

// The status bar's view of the active cluster: when it was last polled (and how long ago),
// how long that poll took, and what it cost Redis (round trips, commands, bytes). A failed
// poll says why.
class StatusBarInfo final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBarInfo)

public:
    explicit StatusBarInfo(Manager& manager, QWidget* parent = nullptr);

    void setCluster(const QString& cluster);
    void refresh();
    QString pollText() const;
    QString latencyText() const;
    QString costText() const;

private:
    Manager& m_manager;
    QString m_cluster;
    QLabel* m_poll = nullptr;
    QLabel* m_latency = nullptr;
    QLabel* m_cost = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace qd::gui
