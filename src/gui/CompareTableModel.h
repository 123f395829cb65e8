#pragma once

#include "core/compare/CompareMetric.h"
#include "gui/KeyedTableModel.h"

#include <QColor>
#include <QStringList>

namespace qd::gui {

// A comparison as a table: one row per metric, one column per cluster, then the delta. Cells
// of clusters the engine marked as beyond compare_mode.delta_threshold are highlighted.
class CompareTableModel final : public KeyedTableModel<CompareMetric> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareTableModel)

public:
    struct Column {
        QString cluster;
        QString label;
        QColor color;
    };

    explicit CompareTableModel(QObject* parent = nullptr);

    // A new set of clusters is a new table (a reset); new values of the same clusters update
    // rows in place.
    void setColumns(const QList<Column>& columns);
    void setMetrics(const QList<CompareMetric>& metrics) { replaceRows(metrics); }
    int columnOf(const QString& cluster) const; // -1 when not shown
    int deltaColumn() const { return int(m_columns.size()) + 1; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const CompareMetric& row) const override { return row.name; }

private:
    QVariant cellText(const CompareMetric& row, int column) const;
    QString cellTip(const CompareMetric& row, const QString& cluster) const;

    QList<Column> m_columns;
};

} // namespace qd::gui
