#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;

namespace qd {
class Manager;
}

namespace qd::gui {

// The window's commands as QActions (name, text, icon, key) and where they appear: menus,
// toolbar, the tray menu, and the per-cluster Go/Edit/Remove entries that follow the
// configuration. What a command does is connected by the window; this class lays them out.
class WindowActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    explicit WindowActions(QMainWindow* window);

    // A window-wide action, registered by object name.
    QAction* add(const QString& name, const QString& text, const QString& icon = {},
        const QKeySequence& key = {});
    void adopt(QAction* action, const QString& name, const QString& icon);
    QAction* get(const QString& name) const { return m_named.value(name); }
    // View → Theme: System, Light, Dark (action_theme_0..2), current one checked.
    void addThemeActions(int current, const std::function<void(int theme)>& apply);

    void buildMenus(const QList<QAction*>& clusterActions);
    void buildToolBar(const QList<QAction*>& clusterActions);
    QMenu* buildTrayMenu(QAction* showHide);
    // Go (keys 1–9), Edit and Remove list the clusters of the current configuration.
    using ClusterSlot = std::function<void(const QString& cluster)>;
    void rebuildClusterMenus(const Manager& manager, const ClusterSlot& show,
        const ClusterSlot& edit, const ClusterSlot& remove);
    // Every action with a key, for Help → Keyboard shortcuts (the 1–9 entries summarised).
    QList<QAction*> keyboardActions() const;
    // Draws the monochrome icons again in the current palette's text colour.
    void refreshIcons();

private:
    static constexpr qsizetype kNumberedClusters = 9; // keys 1 to 9

    QMainWindow* m_window;
    QHash<QString, QAction*> m_named;
    QActionGroup* m_themeGroup = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_goMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_removeMenu = nullptr;
    QList<QAction*> m_goActions;
    QPointer<QMenu> m_allClusters; // Go → All clusters, when there are more than nine
};

} // namespace qd::gui
