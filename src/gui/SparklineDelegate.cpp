#include "gui/SparklineDelegate.h"

#include "gui/KeyedTableModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace qd::gui {

void SparklineDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QList<double> values = index.data(TrendRole).value<QList<double>>();
    if (values.size() < 2)
        return;
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -4, -4);
    const auto [low, high] = std::minmax_element(values.cbegin(), values.cend());
    const double span = *high - *low;
    QPainterPath line;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = area.left() + area.width() * double(i) / double(values.size() - 1);
        // A flat series sits in the middle rather than on an edge.
        const double y = span > 0 ? area.bottom() - area.height() * (values[i] - *low) / span
                                  : area.center().y();
        if (i == 0)
            line.moveTo(x, y);
        else
            line.lineTo(x, y);
    }
    const bool selected = option.state & QStyle::State_Selected;
    QColor color = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(area.left(), area.bottom());
    fill.closeSubpath();
    QColor under = color;
    under.setAlphaF(0.18f);
    painter->fillPath(fill, under);
    painter->setPen(QPen(color, 1.5));
    painter->drawPath(line);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(
    const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 120));
    return size;
}

} // namespace qd::gui
