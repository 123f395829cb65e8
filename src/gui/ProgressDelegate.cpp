#include "gui/ProgressDelegate.h"

#include <QApplication>
#include <QStyleOptionProgressBar>

namespace qd::gui {

ProgressDelegate::ProgressDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent), m_role(role)
{
}

void ProgressDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int value = index.data(m_role).toInt();
    if (value < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = value;
    bar.text = tr("%1 %").arg(value);
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace qd::gui
