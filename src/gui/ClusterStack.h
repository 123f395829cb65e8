#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

class QStackedWidget;

namespace qd {
class Manager;
}

namespace qd::gui {

class ActionController;
class ClusterPage;
class ClusterTabBar;
class CompareView;
class GuiSettings;

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
    QHash<QString, ClusterPage*> m_pages;
};

} // namespace qd::gui
