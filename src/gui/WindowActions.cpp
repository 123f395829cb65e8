#include "gui/WindowActions.h"

#include "core/engine/Manager.h"
#include "gui/ClusterMenu.h"
#include "gui/Icons.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace qd::gui {

WindowActions::WindowActions(QMainWindow* window) : QObject(window), m_window(window)
{
}

QAction* WindowActions::add(
    const QString& name, const QString& text, const QString& icon, const QKeySequence& key)
{
    auto* action = new QAction(text, m_window);
    if (!key.isEmpty())
        action->setShortcut(key);
    // Window-wide, so a key works whichever part of the window has the focus; widgets that
    // take text (filters, spin boxes) still get their characters first.
    action->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(action);
    adopt(action, name, icon);
    return action;
}

void WindowActions::adopt(QAction* action, const QString& name, const QString& icon)
{
    action->setObjectName(name);
    if (!icon.isEmpty()) {
        action->setIcon(Icons::icon(icon));
        action->setProperty("iconName", icon);
    }
    m_named.insert(name, action);
}

void WindowActions::addThemeActions(int current, const std::function<void(int theme)>& apply)
{
    m_themeGroup = new QActionGroup(this);
    const QStringList names {tr("&System"), tr("&Light"), tr("&Dark")};
    for (int theme = 0; theme < names.size(); ++theme) {
        QAction* action = add(u"action_theme_"_s + QString::number(theme), names.at(theme));
        action->setCheckable(true);
        action->setChecked(theme == current);
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [apply, theme] { apply(theme); });
    }
}

void WindowActions::buildMenus(const QList<QAction*>& clusterActions)
{
    QMenuBar* bar = m_window->menuBar();
    QMenu* file = bar->addMenu(tr("&File"));
    file->addActions({get(u"action_export_csv"_s), get(u"action_export_json"_s)});
    file->addSeparator();
    file->addAction(get(u"action_quit"_s));

    QMenu* cluster = bar->addMenu(tr("&Cluster"));
    cluster->addActions({get(u"action_add_cluster"_s), get(u"action_edit_cluster"_s)});
    m_editMenu = cluster->addMenu(Icons::icon(u"edit"_s), tr("Edit c&luster"));
    cluster->addAction(get(u"action_remove_cluster"_s));
    m_removeMenu = cluster->addMenu(Icons::icon(u"remove"_s), tr("Remo&ve cluster"));
    cluster->addSeparator();
    cluster->addActions({get(u"action_toggle_selection"_s), get(u"action_select_all"_s),
        get(u"action_clear_selection"_s)});
    cluster->addSeparator();
    cluster->addActions({get(u"action_refresh"_s), get(u"action_refresh_all"_s)});

    QMenu* actions = bar->addMenu(tr("&Actions"));
    actions->setToolTipsVisible(true); // a disabled action says why
    actions->addActions(clusterActions);
    actions->addSeparator();
    actions->addAction(get(u"action_history"_s));

    m_viewMenu = bar->addMenu(tr("&View"));
    m_viewMenu->addActions({get(u"action_compare"_s), get(u"action_history"_s)});
    m_viewMenu->addMenu(tr("&Theme"))->addActions(m_themeGroup->actions());

    m_goMenu = bar->addMenu(tr("&Go"));

    QMenu* settings = bar->addMenu(tr("&Settings"));
    settings->addActions({get(u"action_close_to_tray"_s), get(u"action_notifications"_s)});

    QMenu* help = bar->addMenu(tr("&Help"));
    help->addAction(get(u"action_shortcuts"_s));
    help->addSeparator();
    help->addActions({get(u"action_about"_s), get(u"action_about_qt"_s)});
}

void WindowActions::buildToolBar(const QList<QAction*>& clusterActions)
{
    QToolBar* toolBar = m_window->addToolBar(tr("Main toolbar"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({get(u"action_refresh"_s), get(u"action_compare"_s)});
    toolBar->addSeparator();
    toolBar->addActions(clusterActions);
    toolBar->addSeparator();
    toolBar->addActions({get(u"action_add_cluster"_s), get(u"action_history"_s)});
    QAction* toggle = toolBar->toggleViewAction();
    toggle->setText(tr("T&oolbar"));
    m_viewMenu->addAction(toggle);
}

QMenu* WindowActions::buildTrayMenu(QAction* showHide)
{
    auto* menu = new QMenu(m_window);
    menu->addAction(showHide);
    menu->addSeparator();
    menu->addAction(get(u"action_quit"_s));
    return menu;
}

void WindowActions::rebuildClusterMenus(const Manager& manager, const ClusterSlot& show,
    const ClusterSlot& edit, const ClusterSlot& remove)
{
    for (QAction* action : std::as_const(m_goActions)) {
        m_window->removeAction(action);
        delete action;
    }
    m_goActions.clear();
    m_goMenu->clear();
    delete m_allClusters; // clear() leaves submenus alive
    if (QAction* overview = get(u"action_overview"_s))
        m_goMenu->addAction(overview);
    if (QAction* quick = get(u"action_quick_switch"_s))
        m_goMenu->addAction(quick);
    m_goMenu->addSeparator();
    const QStringList enabled = manager.enabledClusters();
    // Keys 1 to 9 reach the first nine clusters; a fleet is reached through the grouped
    // submenu (and the overview, and the quick switcher), never a menu of 200 entries.
    const qsizetype numbered = std::min<qsizetype>(enabled.size(), kNumberedClusters);
    for (qsizetype i = 0; i < numbered; ++i) {
        const QString name = enabled.at(i);
        const QString label = manager.cluster(name).displayLabel();
        auto* action = new QAction(u"&%1  %2"_s.arg(i + 1).arg(label), m_window);
        action->setObjectName(u"action_go_"_s + name);
        action->setShortcut(QKeySequence(Qt::Key_1 + int(i)));
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [show, name] { show(name); });
        m_window->addAction(action);
        m_goMenu->addAction(action);
        m_goActions.append(action);
    }
    if (enabled.size() > numbered) {
        QMenu* all = m_goMenu->addMenu(tr("&All clusters"));
        m_allClusters = all;
        all->setObjectName(u"menu_all_clusters"_s);
        const Manager* engine = &manager;
        connect(all, &QMenu::aboutToShow, this, [all, engine, show] {
            ClusterMenu::fill(
                all, *engine,
                [engine](const QString& name) {
                    const auto report = engine->findHealth(name);
                    return report ? report->status : HealthStatus::Unknown;
                },
                show);
        });
    }
    m_goMenu->addSeparator();
    m_goMenu->addActions({get(u"action_next_cluster"_s), get(u"action_previous_cluster"_s)});

    // Editing and removing reach every configured cluster, disabled ones included.
    m_editMenu->clear();
    m_removeMenu->clear();
    for (const ClusterConfig& cluster : manager.config().clusters) {
        const QString name = cluster.name;
        const QString text = cluster.enabled ? cluster.displayLabel()
                                             : tr("%1 (disabled)").arg(cluster.displayLabel());
        m_editMenu->addAction(text, this, [edit, name] { edit(name); });
        m_removeMenu->addAction(text, this, [remove, name] { remove(name); });
    }
}

QList<QAction*> WindowActions::keyboardActions() const
{
    QList<QAction*> list;
    for (QAction* action : m_window->actions()) {
        if (!action->shortcut().isEmpty() && !m_goActions.contains(action))
            list.append(action);
    }
    return list;
}

void WindowActions::refreshIcons()
{
    Icons::clearCache();
    for (QAction* action : m_window->findChildren<QAction*>()) {
        const QString icon = action->property("iconName").toString();
        if (!icon.isEmpty())
            action->setIcon(Icons::icon(icon));
    }
}

} // namespace qd::gui
