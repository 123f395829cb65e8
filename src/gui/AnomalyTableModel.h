#pragma once

#include "core/compare/Anomaly.h"
#include "gui/KeyedTableModel.h"

#include <QHash>

namespace qd::gui {

// The anomalies of a comparison: severity, cluster, metric, what was seen and what was expected.
class AnomalyTableModel final : public KeyedTableModel<Anomaly> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnomalyTableModel)

public:
    enum Column { SeverityColumn, Cluster, Metric, Description, Value, Expected, ColumnCount };

    explicit AnomalyTableModel(QObject* parent = nullptr);

    void setLabels(const QHash<QString, QString>& labels) { m_labels = labels; }
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const Anomaly& row) const override { return row.key(); }

private:
    QString typeText(const QString& type) const;

    QHash<QString, QString> m_labels;
};

} // namespace qd::gui
