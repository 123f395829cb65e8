#include "gui/SpaceKey.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>

namespace qd::gui {

bool SpaceKey::sendToFocus(QWidget* window)
{
    QWidget* focus = QApplication::focusWidget();
    if (!focus || focus->window() != window)
        return false;
    if (auto* button = qobject_cast<QAbstractButton*>(focus)) {
        button->animateClick();
        return true;
    }
    if (auto* combo = qobject_cast<QComboBox*>(focus)) {
        combo->showPopup();
        return true;
    }
    if (auto* view = qobject_cast<QAbstractItemView*>(focus)) {
        const QModelIndex current = view->currentIndex();
        if (current.isValid() && (current.flags() & Qt::ItemIsUserCheckable)) {
            const bool checked = current.data(Qt::CheckStateRole).toInt() == Qt::Checked;
            view->model()->setData(
                current, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
            return true;
        }
    }
    return false;
}

} // namespace qd::gui
