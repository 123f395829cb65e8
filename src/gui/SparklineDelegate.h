#pragma once

#include <QStyledItemDelegate>

namespace qd::gui {

// Draws the TrendRole values of a cell as a small line with a faint area under it, scaled to
// the cell; recent history at a glance without opening a chart.
class SparklineDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace qd::gui
