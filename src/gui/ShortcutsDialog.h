#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTreeWidget;

namespace qd::gui {

// Help → Keyboard shortcuts: every key the window answers to, read from its actions (so the
// list cannot drift from what the keys do) plus the keys that are not menu actions.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

    QStringList keys() const; // every key listed, in the portable text form
    QTreeWidget* list() const { return m_list; }

private:
    void add(const QString& key, const QString& what);

    QTreeWidget* m_list = nullptr;
};

} // namespace qd::gui
