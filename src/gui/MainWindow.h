#pragma once

#include "gui/GuiSettings.h"

#include <QMainWindow>

class QDockWidget;

namespace qd {
class ActionEngine;
class AuditLog;
class Manager;
struct MultiAction;
} // namespace qd

namespace qd::gui {

class ActionController;
class ActionHistoryPane;
class ClusterPage;
class ClusterStack;
class ClusterTabBar;
class CompareView;
class OverviewPage;
class QuickSwitcher;
class StatusBarInfo;
class TrayNotifier;
class WindowActions;

// The desktop window: cluster tabs and pages (ClusterStack), the compare view, actions with
// their confirmation (ActionController), the action history, the status bar and the tray. It
// wires these parts to the engine and to the keyboard; the parts do the work.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Manager& manager, ActionEngine& actions, AuditLog* audit, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shown in About (where the configuration and the audit log live).
    void setPaths(const QString& configPath, const QString& auditPath);

    ClusterStack* clusters() const { return m_stack; }
    ClusterTabBar* tabBar() const;
    ClusterPage* page(const QString& cluster) const;
    ClusterPage* currentPage() const;
    CompareView* compareView() const;
    bool isCompareShown() const;
    OverviewPage* overview() const;
    bool isOverviewShown() const;
    ActionController* actionController() const { return m_actions; }
    ActionHistoryPane* historyPane() const { return m_history; }
    StatusBarInfo* statusInfo() const { return m_status; }
    TrayNotifier* tray() const { return m_tray; }
    // A window action by object name ("action_compare", "action_purge_dlq"…).
    QAction* findAction(const QString& name) const;
    QList<QAction*> keyboardActions() const;

    void showCluster(const QString& cluster);
    void setCompareMode(bool enabled);
    void showOverview();
    // Ctrl+K; returns the dialog (open until a cluster is chosen or Escape).
    QuickSwitcher* openQuickSwitcher();
    void toggleSelection();
    void openClusterEditor(const QString& existing = {});
    void removeCluster(const QString& cluster);
    void showShortcuts();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildActions();
    void buildDock();
    void rebuildClusterMenus();
    void restoreState();
    void onCurrentClusterChanged(const QString& cluster);
    void onCompareModeChanged();
    void onClustersChanged();
    void onActiveClusterChanged(const QString& cluster);
    void onSelectionChanged();
    void onActionFinished(const MultiAction& action);
    void cycleCluster(int step);
    void applyTheme(GuiSettings::Theme theme);

    Manager& m_manager;
    AuditLog* m_audit;
    GuiSettings m_settings;
    ActionController* m_actions = nullptr;
    ClusterStack* m_stack = nullptr;
    ActionHistoryPane* m_history = nullptr;
    QDockWidget* m_historyDock = nullptr;
    StatusBarInfo* m_status = nullptr;
    TrayNotifier* m_tray = nullptr;
    WindowActions* m_commands = nullptr;
    QString m_configPath;
    QString m_auditPath;
    bool m_quitting = false;
};

} // namespace qd::gui
