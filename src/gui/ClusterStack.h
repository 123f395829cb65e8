#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

class QMenu;
class QStackedWidget;
class QToolButton;

namespace qd {
class Manager;
}

namespace qd::gui {

class ActionController;
class ClusterPage;
class ClusterTabBar;
class CompareView;
class GuiSettings;
class OverviewPage;

// The cluster tabs and what they show: a ClusterPage per enabled cluster, in config order, and
// the compare view in their place while compare mode is on. Keeps pages, tabs and health dots in
// step with the engine (clusters added, edited, removed at runtime; polls; health changes).
// Pages and the compare view are built the first time they are shown: the window opens as fast
// with fifty clusters as with one, and a tab nobody looks at costs nothing.
class ClusterStack final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterStack)

public:
    ClusterStack(Manager& manager, ActionController& actions, GuiSettings& settings,
        QWidget* parent = nullptr);

    ClusterTabBar* tabBar() const { return m_tabs; }
    CompareView* compareView();
    // The page of an enabled cluster (built now if it was not yet); nullptr for others.
    ClusterPage* page(const QString& cluster);
    ClusterPage* currentPage();
    QString currentCluster() const;
    bool isCompareShown() const;
    // Every cluster on one page (built the first time it is shown).
    OverviewPage* overview();
    bool isOverviewShown() const;
    void showOverview();

    void showCluster(const QString& cluster);
    void showCompare(const QStringList& clusters);
    void showPages();
    // What C compares: the selection when it has two or more clusters, else the clusters
    // compared last time, else the current cluster and the ones after it (up to four).
    QStringList compareCandidates() const;
    // Re-reads the enabled clusters from the engine (after add/edit/remove).
    void syncClusters();

Q_SIGNALS:
    void currentClusterChanged(const QString& cluster);
    // The operator ticked other clusters in the compare view.
    void compareClustersChosen(const QStringList& clusters);
    // The overview, the grouped cluster menu or the quick switcher asked for a cluster.
    void clusterRequested(const QString& cluster);
    void overviewRequested();
    void quickSwitchRequested();

private:
    void onStatsUpdated(const QString& cluster);
    void onHealthUpdated(const QString& cluster);
    void onTabChanged(int index);

    Manager& m_manager;
    ActionController& m_actions;
    GuiSettings& m_settings;
    ClusterTabBar* m_tabs = nullptr;
    QStackedWidget* m_stack = nullptr;
    CompareView* m_compare = nullptr;
    OverviewPage* m_overview = nullptr;
    QToolButton* m_overviewButton = nullptr;
    QToolButton* m_groupsButton = nullptr;
    QMenu* m_groupsMenu = nullptr;
    bool m_syncing = false; // syncClusters() running: a tab change then keeps the overview
    QHash<QString, ClusterPage*> m_pages;
};

} // namespace qd::gui
