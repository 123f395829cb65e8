#include "gui/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace qd::gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto* layout = new QVBoxLayout(this);
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Key"), tr("Action")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_list);
    add(tr("1 … 9"), tr("Show cluster 1 to 9"));
    for (const QAction* action : actions) {
        for (const QKeySequence& key : action->shortcuts()) {
            QString text = action->text();
            text.remove(QLatin1Char('&'));
            text.remove(QStringLiteral("…"));
            add(key.toString(QKeySequence::NativeText), text);
        }
    }
    add(tr("Alt+J / Alt+W / Alt+D / Alt+R"),
        tr("Jobs, Workers, Dead letters or Retries tab of the cluster page"));
    add(tr("Tab / Shift+Tab"), tr("Move between the parts of the window"));
    add(tr("Arrow keys, Page Up/Down"),
        tr("Move in tables; click a header (or Space on it) to sort"));
    add(tr("Escape"), tr("Close a dialog (cancels a running action after asking the engine)"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 520);
}

void ShortcutsDialog::add(const QString& key, const QString& what)
{
    new QTreeWidgetItem(m_list, {key, what});
}

QStringList ShortcutsDialog::keys() const
{
    QStringList keys;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        keys.append(m_list->topLevelItem(i)->text(0));
    return keys;
}

} // namespace qd::gui
