#pragma once

#include "core/health/HealthStatus.h"

#include <QColor>
#include <QList>
#include <QTabBar>

namespace qd::gui {

// One tab per enabled cluster: the cluster's label, a health dot (green, amber, red, grey for
// unknown), a stripe in the cluster's colour, and a check badge when the cluster is selected
// for a multi-cluster action (Space).
class ClusterTabBar final : public QTabBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterTabBar)

public:
    struct Tab {
        QString cluster;
        QString label;
        QColor color;
        QString endpoint;
    };

    explicit ClusterTabBar(QWidget* parent = nullptr);

    // Rebuilds the tabs; health and selection of clusters that stay are kept.
    void setTabs(const QList<Tab>& tabs);
    int indexOf(const QString& cluster) const;
    QString clusterAt(int index) const;
    QString currentCluster() const { return clusterAt(currentIndex()); }
    QColor colorAt(int index) const;
    HealthStatus healthAt(int index) const;
    void setHealth(const QString& cluster, HealthStatus status, const QString& summary);

    bool isSelected(const QString& cluster) const;
    void setSelected(const QString& cluster, bool selected);
    void toggleSelected(const QString& cluster) { setSelected(cluster, !isSelected(cluster)); }
    void clearSelection();
    QStringList selectedClusters() const; // in tab order

Q_SIGNALS:
    void selectionChanged(const QStringList& selected);

protected:
    void paintEvent(QPaintEvent* event) override;
    QSize tabSizeHint(int index) const override;

private:
    struct State {
        Tab tab;
        HealthStatus health = HealthStatus::Unknown;
        QString summary;
        bool selected = false;
    };
    void updateTab(int index);
    QPixmap selectionBadge() const;

    QList<State> m_states; // aligned with the tab indexes (tabs do not move)
};

} // namespace qd::gui
