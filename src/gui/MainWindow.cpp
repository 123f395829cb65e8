#include "gui/MainWindow.h"

#include "core/actions/ActionTypes.h"
#include "core/actions/MultiAction.h"
#include "core/config/PasswordStore.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "gui/AboutDialog.h"
#include "gui/ActionController.h"
#include "gui/ActionHistoryPane.h"
#include "gui/ActionPresentation.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/ClusterPage.h"
#include "gui/ClusterStack.h"
#include "gui/ClusterTabBar.h"
#include "gui/CompareView.h"
#include "gui/Icons.h"
#include "gui/MessageBox.h"
#include "gui/OverviewPage.h"
#include "gui/QuickSwitcher.h"
#include "gui/ShortcutsDialog.h"
#include "gui/SpaceKey.h"
#include "gui/StatusBarInfo.h"
#include "gui/Theme.h"
#include "gui/TrayNotifier.h"
#include "gui/WindowActions.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLineEdit>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace qd::gui {

MainWindow::MainWindow(Manager& manager, ActionEngine& actions, AuditLog* audit, QWidget* parent)
    : QMainWindow(parent), m_manager(manager), m_audit(audit)
{
    Icons::ensureResources();
    Theme::captureSystemPalette();
    if (m_settings.theme() != GuiSettings::Theme::System)
        Theme::apply(m_settings.theme());
    setObjectName(u"mainWindow"_s);
    setWindowIcon(Icons::appIcon());
    setWindowTitle(tr("QueueDeck"));
    m_actions = new ActionController(m_manager, actions, this);
    m_stack = new ClusterStack(m_manager, *m_actions, m_settings, this);
    setCentralWidget(m_stack);
    m_status = new StatusBarInfo(m_manager, this);
    statusBar()->addPermanentWidget(m_status);
    m_tray = new TrayNotifier(m_manager, this);
    m_tray->setNotificationsEnabled(m_settings.notificationsEnabled());
    // Shown from the start where the desktop has a tray: notifications need it.
    m_tray->setVisible(true);

    m_commands = new WindowActions(this);
    buildActions();
    buildDock();
    m_commands->buildMenus(m_actions->menuActions());
    m_commands->buildToolBar(m_actions->menuActions());
    auto* showHide = new QAction(tr("Show or hide QueueDeck"), this);
    connect(showHide, &QAction::triggered, this, [this] { setVisible(!isVisible()); });
    m_tray->setContextMenu(m_commands->buildTrayMenu(showHide));
    rebuildClusterMenus();

    connect(
        m_stack, &ClusterStack::currentClusterChanged, this, &MainWindow::onCurrentClusterChanged);
    connect(tabBar(), &ClusterTabBar::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(&m_manager, &Manager::compareModeChanged, this, &MainWindow::onCompareModeChanged);
    connect(&m_manager, &Manager::clustersChanged, this, &MainWindow::onClustersChanged);
    connect(&m_manager, &Manager::activeClusterChanged, this, &MainWindow::onActiveClusterChanged);
    connect(m_actions, &ActionController::actionFinished, this, &MainWindow::onActionFinished);
    connect(m_actions, &ActionController::actionChanged, m_history,
        &ActionHistoryPane::scheduleRefresh);
    connect(m_stack, &ClusterStack::compareClustersChosen, this, [this](const QStringList& chosen) {
        try {
            m_manager.setCompareMode(true, chosen);
        } catch (const QueueDeckError& e) {
            statusBar()->showMessage(e.message(), 5000);
        }
    });
    connect(m_stack, &ClusterStack::clusterRequested, this, &MainWindow::showCluster);
    connect(m_stack, &ClusterStack::overviewRequested, this, &MainWindow::showOverview);
    connect(m_stack, &ClusterStack::quickSwitchRequested, this, &MainWindow::openQuickSwitcher);
    connect(m_tray, &TrayNotifier::openClusterRequested, this, [this](const QString& cluster) {
        showNormal();
        raise();
        activateWindow();
        showCluster(cluster);
    });
    connect(m_tray, &TrayNotifier::toggleWindowRequested, this, [this] {
        setVisible(!isVisible());
        if (isVisible())
            activateWindow();
    });
    // Short words on the toolbar; menus keep the full text.
    findAction(u"action_refresh"_s)->setIconText(tr("Refresh"));
    findAction(u"action_add_cluster"_s)->setIconText(tr("Add cluster"));
    findAction(u"action_history"_s)->setIconText(tr("History"));
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::setPaths(const QString& configPath, const QString& auditPath)
{
    m_configPath = configPath;
    m_auditPath = auditPath;
}

ClusterTabBar* MainWindow::tabBar() const
{
    return m_stack->tabBar();
}

ClusterPage* MainWindow::page(const QString& cluster) const
{
    return m_stack->page(cluster);
}

ClusterPage* MainWindow::currentPage() const
{
    return m_stack->currentPage();
}

CompareView* MainWindow::compareView() const
{
    return m_stack->compareView();
}

bool MainWindow::isCompareShown() const
{
    return m_stack->isCompareShown();
}

OverviewPage* MainWindow::overview() const
{
    return m_stack->overview();
}

bool MainWindow::isOverviewShown() const
{
    return m_stack->isOverviewShown();
}

void MainWindow::showOverview()
{
    if (m_manager.compareMode().enabled) {
        try {
            m_manager.setCompareMode(false, {});
        } catch (const QueueDeckError&) {
            // The engine refused; the overview replaces the compare view anyway.
        }
    }
    m_stack->showOverview();
    setWindowTitle(tr("Overview — QueueDeck"));
}

QuickSwitcher* MainWindow::openQuickSwitcher()
{
    if (auto* open = findChild<QuickSwitcher*>()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto* switcher = new QuickSwitcher(QuickSwitcher::entriesFrom(m_manager, *tabBar()), this);
    switcher->setAttribute(Qt::WA_DeleteOnClose);
    connect(switcher, &QuickSwitcher::clusterChosen, this, &MainWindow::showCluster);
    switcher->open();
    switcher->edit()->setFocus();
    return switcher;
}

QAction* MainWindow::findAction(const QString& name) const
{
    if (QAction* action = m_commands->get(name))
        return action;
    return findChild<QAction*>(name);
}

QList<QAction*> MainWindow::keyboardActions() const
{
    return m_commands->keyboardActions();
}

void MainWindow::rebuildClusterMenus()
{
    m_commands->rebuildClusterMenus(
        m_manager, [this](const QString& name) { showCluster(name); },
        [this](const QString& name) { openClusterEditor(name); },
        [this](const QString& name) { removeCluster(name); });
}

void MainWindow::buildActions()
{
    connect(m_commands->add(u"action_quit"_s, tr("&Quit"), u"quit"_s, QKeySequence::Quit),
        &QAction::triggered, this, [this] {
            m_quitting = true;
            close();
            QCoreApplication::quit();
        });
    connect(m_commands->add(u"action_export_csv"_s, tr("Export comparison as &CSV…"), u"export"_s),
        &QAction::triggered, this,
        [this] { compareView()->exportInteractive(CompareExporter::Format::Csv); });
    connect(m_commands->add(u"action_export_json"_s, tr("Export comparison as &JSON…"), {}),
        &QAction::triggered, this,
        [this] { compareView()->exportInteractive(CompareExporter::Format::Json); });
    connect(
        m_commands->add(u"action_add_cluster"_s, tr("&Add cluster…"), u"add"_s, QKeySequence::New),
        &QAction::triggered, this, [this] { openClusterEditor(); });
    connect(m_commands->add(u"action_edit_cluster"_s, tr("&Edit this cluster…"), u"edit"_s,
                QKeySequence(Qt::CTRL | Qt::Key_E)),
        &QAction::triggered, this, [this] { openClusterEditor(m_stack->currentCluster()); });
    connect(m_commands->add(u"action_remove_cluster"_s, tr("&Remove this cluster…"), u"remove"_s),
        &QAction::triggered, this, [this] { removeCluster(m_stack->currentCluster()); });
    connect(m_commands->add(u"action_toggle_selection"_s, tr("&Select or unselect this cluster"),
                u"select"_s, QKeySequence(Qt::Key_Space)),
        &QAction::triggered, this, [this] {
            if (!SpaceKey::sendToFocus(this))
                toggleSelection();
        });
    connect(m_commands->add(u"action_select_all"_s, tr("Select &all clusters"), {},
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)),
        &QAction::triggered, this, [this] {
            for (const QString& name : m_manager.enabledClusters())
                tabBar()->setSelected(name, true);
        });
    connect(m_commands->add(u"action_clear_selection"_s, tr("&Clear selection"), {},
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Space)),
        &QAction::triggered, tabBar(), &ClusterTabBar::clearSelection);
    connect(m_commands->add(u"action_refresh"_s, tr("&Refresh this cluster"), u"refresh"_s,
                QKeySequence::Refresh),
        &QAction::triggered, this, [this] { m_manager.refresh(m_stack->currentCluster()); });
    connect(m_commands->add(u"action_refresh_all"_s, tr("Refresh a&ll clusters"), {},
                QKeySequence(Qt::SHIFT | Qt::Key_F5)),
        &QAction::triggered, this, [this] { m_manager.refresh(); });
    connect(m_commands->add(
                u"action_overview"_s, tr("&Overview of all clusters"), {}, QKeySequence(Qt::Key_0)),
        &QAction::triggered, this, &MainWindow::showOverview);
    connect(m_commands->add(u"action_quick_switch"_s, tr("&Go to cluster…"), {},
                QKeySequence(Qt::CTRL | Qt::Key_K)),
        &QAction::triggered, this, &MainWindow::openQuickSwitcher);
    QAction* compare = m_commands->add(
        u"action_compare"_s, tr("&Compare clusters"), u"compare"_s, QKeySequence(Qt::Key_C));
    compare->setIconText(tr("Compare"));
    compare->setCheckable(true);
    connect(compare, &QAction::triggered, this, &MainWindow::setCompareMode);
    connect(m_commands->add(u"action_next_cluster"_s, tr("&Next cluster"), {},
                QKeySequence(Qt::CTRL | Qt::Key_Tab)),
        &QAction::triggered, this, [this] { cycleCluster(1); });
    connect(m_commands->add(u"action_previous_cluster"_s, tr("&Previous cluster"), {},
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)),
        &QAction::triggered, this, [this] { cycleCluster(-1); });
    QAction* closeToTray = m_commands->add(u"action_close_to_tray"_s, tr("&Close to tray"), {});
    closeToTray->setCheckable(true);
    closeToTray->setChecked(m_settings.closeToTray());
    closeToTray->setStatusTip(tr("Closing the window keeps QueueDeck running in the tray"));
    connect(
        closeToTray, &QAction::toggled, this, [this](bool on) { m_settings.setCloseToTray(on); });
    QAction* notifications = m_commands->add(u"action_notifications"_s, tr("&Notifications"), {});
    notifications->setCheckable(true);
    notifications->setChecked(m_settings.notificationsEnabled());
    connect(notifications, &QAction::toggled, this, [this](bool on) {
        m_settings.setNotificationsEnabled(on);
        m_tray->setNotificationsEnabled(on);
    });
    m_commands->addThemeActions(
        int(m_settings.theme()), [this](int theme) { applyTheme(GuiSettings::Theme(theme)); });
    connect(m_commands->add(u"action_shortcuts"_s, tr("&Keyboard shortcuts"), u"keyboard"_s,
                QKeySequence::HelpContents),
        &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_commands->add(u"action_about"_s, tr("&About QueueDeck"), u"about"_s),
        &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_commands->add(u"action_about_qt"_s, tr("About &Qt"), {}), &QAction::triggered, qApp,
        &QApplication::aboutQt);
}

void MainWindow::buildDock()
{
    m_history = new ActionHistoryPane(m_audit, m_manager, m_settings, this);
    m_historyDock = new QDockWidget(tr("Action history"), this);
    m_historyDock->setObjectName(u"historyDock"_s);
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    m_historyDock->hide();
    QAction* toggle = m_historyDock->toggleViewAction();
    toggle->setText(tr("Action &history"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    addAction(toggle);
    m_commands->adopt(toggle, u"action_history"_s, u"history"_s);
}

void MainWindow::restoreState()
{
    const QByteArray geometry = m_settings.geometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1240, 800);
    QMainWindow::restoreState(m_settings.windowState());
    const QString last = m_settings.lastCluster();
    const QStringList enabled = m_manager.enabledClusters();
    const QString start = enabled.contains(last) ? last : m_manager.activeCluster();
    // The stack's own showCluster: the window's would leave the compare mode the configuration
    // (compare_mode.enabled) or the API started with.
    if (!start.isEmpty())
        m_stack->showCluster(start);
    onCurrentClusterChanged(m_stack->currentCluster());
    if (m_manager.compareMode().enabled)
        onCompareModeChanged();
}

void MainWindow::showCluster(const QString& cluster)
{
    m_stack->showCluster(cluster);
    if (m_manager.compareMode().enabled) {
        try {
            m_manager.setCompareMode(false, {});
        } catch (const QueueDeckError&) {
            m_stack->showPages();
        }
    }
}

void MainWindow::cycleCluster(int step)
{
    const int count = tabBar()->count();
    if (count == 0)
        return;
    showCluster(tabBar()->clusterAt((tabBar()->currentIndex() + step + count) % count));
}

void MainWindow::onCurrentClusterChanged(const QString& cluster)
{
    if (cluster.isEmpty())
        return;
    m_settings.setLastCluster(cluster);
    try {
        m_manager.switchCluster(cluster);
    } catch (const QueueDeckError&) {
        // Before the engine starts the cluster has no runtime yet; the window goes on.
    }
    m_status->setCluster(cluster);
    setWindowTitle(tr("%1 — QueueDeck").arg(m_manager.cluster(cluster).displayLabel()));
    onSelectionChanged();
}

void MainWindow::onActiveClusterChanged(const QString& cluster)
{
    // Also driven by the API (its /api/v1/ui endpoints): follow it.
    if (m_stack->currentCluster() != cluster)
        m_stack->showCluster(cluster);
}

void MainWindow::onSelectionChanged()
{
    const QStringList selected = tabBar()->selectedClusters();
    m_actions->setTargets(selected.isEmpty() ? QStringList {m_stack->currentCluster()} : selected);
    if (selected.isEmpty()) {
        statusBar()->clearMessage();
        return;
    }
    QStringList labels;
    for (const QString& name : selected)
        labels.append(m_manager.cluster(name).displayLabel());
    statusBar()->showMessage(tr("Selected for the next action: %1").arg(labels.join(u", "_s)));
}

void MainWindow::setCompareMode(bool enabled)
{
    const QStringList clusters = enabled ? m_stack->compareCandidates() : QStringList {};
    if (enabled && clusters.size() < CompareModeConfig::kMinClusters) {
        findAction(u"action_compare"_s)->setChecked(false);
        statusBar()->showMessage(tr("Comparing needs at least two enabled clusters."), 5000);
        return;
    }
    try {
        m_manager.setCompareMode(enabled, clusters);
    } catch (const QueueDeckError& e) {
        MessageBox::warning(this, tr("Compare clusters"), e.message());
    }
}

void MainWindow::onCompareModeChanged()
{
    const CompareModeConfig& mode = m_manager.compareMode();
    QAction* action = findAction(u"action_compare"_s);
    const QSignalBlocker blocker(action);
    action->setChecked(mode.enabled);
    if (!mode.enabled) {
        m_stack->showPages();
        return;
    }
    m_stack->showCompare(mode.clusters.size() >= CompareModeConfig::kMinClusters
            ? mode.clusters
            : m_stack->compareCandidates());
}

void MainWindow::toggleSelection()
{
    // On the overview, Space means the row under the cursor, as on a tab it means the tab.
    const QString current
        = isOverviewShown() ? overview()->currentCluster() : m_stack->currentCluster();
    if (!current.isEmpty())
        tabBar()->toggleSelected(current);
}

void MainWindow::onClustersChanged()
{
    m_stack->syncClusters();
    rebuildClusterMenus();
    onSelectionChanged();
}

void MainWindow::onActionFinished(const MultiAction& action)
{
    // Reads are shown where they were asked for (the Dead letters tab), not in the status bar.
    if (actiontypes::isReadOnly(action.type))
        return;
    const QString title = ActionPresentation::title(action.type);
    statusBar()->showMessage(action.status == ActionStatus::Completed
            ? tr("%1 completed on %2").arg(title, action.targets.join(u", "_s))
            : tr("%1 %2: %3").arg(title, actionStatusName(action.status), action.error),
        10000);
    // New figures now rather than at the next poll.
    for (const QString& target : action.targets) {
        if (m_manager.config().cluster(target))
            m_manager.refresh(target);
    }
}

void MainWindow::openClusterEditor(const QString& existing)
{
    if (!existing.isEmpty() && !m_manager.config().cluster(existing))
        return;
    auto* editor = new ClusterEditorDialog(m_manager, existing, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ClusterEditorDialog::saved, this, [this](const QString& name) {
        statusBar()->showMessage(tr("Cluster %1 saved and applied").arg(name), 5000);
        if (tabBar()->indexOf(name) >= 0)
            showCluster(name);
    });
    editor->open();
}

void MainWindow::removeCluster(const QString& cluster)
{
    const ClusterConfig* config = m_manager.config().cluster(cluster);
    if (!config)
        return;
    const auto answer = MessageBox::question(this, tr("Remove cluster"),
        tr("Remove %1 (%2) from the configuration? QueueDeck stops watching it at once. Its "
           "action history stays in the audit log.")
            .arg(config->displayLabel(), config->endpoint));
    if (answer != QMessageBox::Yes)
        return;
    const bool inKeychain = config->passwordKeychain;
    try {
        m_manager.removeCluster(cluster);
    } catch (const QueueDeckError& e) {
        MessageBox::critical(this, tr("Remove cluster"), e.message());
        return;
    }
    // Its password would otherwise outlive it in the keychain.
    PasswordStore* store = PasswordStore::installed();
    if (QString error; inKeychain && store && !store->remove(cluster, &error))
        statusBar()->showMessage(
            tr("The password of %1 could not be removed from the system keychain: %2")
                .arg(cluster, error),
            10000);
}

void MainWindow::showShortcuts()
{
    auto* dialog = new ShortcutsDialog(keyboardActions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto* dialog = new AboutDialog(m_configPath, m_auditPath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::applyTheme(GuiSettings::Theme theme)
{
    m_settings.setTheme(theme);
    Theme::apply(theme);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Monochrome icons are drawn in the text colour: draw them again for the new palette.
    m_commands->refreshIcons();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.sync();
    if (!m_quitting && m_settings.closeToTray() && m_tray->isAvailable()) {
        m_tray->setVisible(true);
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

} // namespace qd::gui
