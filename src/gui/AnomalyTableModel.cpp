#include "gui/AnomalyTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

namespace qd::gui {

AnomalyTableModel::AnomalyTableModel(QObject* parent) : KeyedTableModel<Anomaly>(parent)
{
}

int AnomalyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AnomalyTableModel::typeText(const QString& type) const
{
    if (type == anomalytype::Deviation)
        return tr("Unlike the others");
    if (type == anomalytype::BacklogJump)
        return tr("Backlog jump");
    if (type == anomalytype::ErrorRateSpike)
        return tr("Error rate spike");
    if (type == anomalytype::WorkerDrop)
        return tr("Workers dropped");
    return type;
}

QVariant AnomalyTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Anomaly& row = rowAt(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeverityColumn:
            return HealthStyle::text(row.severity);
        case Cluster:
            return m_labels.value(row.cluster, row.cluster);
        case Metric:
            return tr("%1: %2").arg(typeText(row.type), Format::metricTitle(row.metric));
        case Description:
            return row.description;
        case Value:
            return Format::metricValue(row.metric, row.value);
        case Expected:
            return Format::metricValue(row.metric, row.expected);
        default:
            return {};
        }
    }
    switch (role) {
    case SortRole:
        if (index.column() == SeverityColumn)
            return int(row.severity);
        if (index.column() == Value)
            return row.value;
        if (index.column() == Expected)
            return row.expected;
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? HealthStyle::dot(row.severity) : QVariant();
    case Qt::ToolTipRole:
        return row.description;
    case Qt::TextAlignmentRole:
        if (index.column() == Value || index.column() == Expected)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return row.key();
    default:
        return {};
    }
}

QVariant AnomalyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<Anomaly>::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case Cluster:
        return tr("Cluster");
    case Metric:
        return tr("Kind");
    case Description:
        return tr("Description");
    case Value:
        return tr("Value");
    case Expected:
        return tr("Expected");
    default:
        return {};
    }
}

} // namespace qd::gui
