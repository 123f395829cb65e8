#pragma once

#include <QStyledItemDelegate>

namespace qd::gui {

// Paints an integer 0..100 as a progress bar in a table cell (-1: nothing yet).
class ProgressDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    ProgressDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace qd::gui
