#include "gui/CompareTableModel.h"

#include "core/compare/RobustStats.h"
#include "gui/Format.h"
#include "gui/HealthStyle.h"
#include "gui/Theme.h"

#include <QFont>

#include <cmath>

namespace qd::gui {

CompareTableModel::CompareTableModel(QObject* parent) : KeyedTableModel<CompareMetric>(parent)
{
}

void CompareTableModel::setColumns(const QList<Column>& columns)
{
    bool same = columns.size() == m_columns.size();
    for (qsizetype i = 0; same && i < columns.size(); ++i) {
        same = columns[i].cluster == m_columns[i].cluster && columns[i].label == m_columns[i].label
            && columns[i].color == m_columns[i].color;
    }
    if (same)
        return;
    beginResetModel();
    m_columns = columns;
    endResetModel();
}

int CompareTableModel::columnOf(const QString& cluster) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).cluster == cluster)
            return i + 1;
    }
    return -1;
}

int CompareTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size()) + 2;
}

QVariant CompareTableModel::cellText(const CompareMetric& row, int column) const
{
    if (column == 0)
        return Format::metricTitle(row.name);
    if (column == deltaColumn())
        return row.values.size() >= 2 ? Format::metricValue(row.name, row.delta) : Format::dash();
    const QString& cluster = m_columns.at(column - 1).cluster;
    const auto value = row.values.constFind(cluster);
    return value == row.values.cend() ? Format::dash() : Format::metricValue(row.name, *value);
}

QString CompareTableModel::cellTip(const CompareMetric& row, const QString& cluster) const
{
    const auto value = row.values.constFind(cluster);
    if (value == row.values.cend())
        return tr("Not known for this cluster (rates need two polls; a queue may not be "
                  "configured there)");
    const double median = robust::median(row.values.values());
    QString tip
        = tr("%1: %2").arg(Format::metricTitle(row.name), Format::metricValue(row.name, *value));
    if (median != 0) {
        const double percent = (*value - median) * 100.0 / std::abs(median);
        tip += QStringLiteral("\n")
            + tr("%1 % from the median of the compared clusters").arg(Format::number(percent, 0));
    }
    if (row.isHighlighted(cluster))
        tip += QStringLiteral("\n") + tr("Beyond the compare threshold (delta_threshold)");
    return tip;
}

QVariant CompareTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const CompareMetric& row = rowAt(index.row());
    const int column = index.column();
    const bool clusterColumn = column > 0 && column < deltaColumn();
    const QString cluster = clusterColumn ? m_columns.at(column - 1).cluster : QString();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, column);
    case SortRole:
        if (column == 0)
            return index.row();
        if (column == deltaColumn())
            return row.delta;
        return row.values.value(cluster, -1);
    case KeyRole:
        return row.name;
    case HighlightRole:
        return clusterColumn && row.isHighlighted(cluster);
    case Qt::BackgroundRole:
        if (clusterColumn && row.isHighlighted(cluster))
            return Theme::highlightBackground();
        return {};
    case Qt::FontRole:
        if (clusterColumn && row.isHighlighted(cluster)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                           : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (clusterColumn)
            return cellTip(row, cluster);
        if (column == deltaColumn())
            return tr("Largest minus smallest value");
        return {};
    default:
        return {};
    }
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return KeyedTableModel<CompareMetric>::headerData(section, orientation, role);
    const bool clusterColumn = section > 0 && section < deltaColumn();
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Metric");
        if (section == deltaColumn())
            return tr("Delta");
        return clusterColumn ? m_columns.at(section - 1).label : QString();
    }
    if (role == Qt::DecorationRole && clusterColumn)
        return HealthStyle::dot(m_columns.at(section - 1).color);
    if (role == Qt::ToolTipRole && clusterColumn)
        return tr("Cluster %1").arg(m_columns.at(section - 1).cluster);
    return KeyedTableModel<CompareMetric>::headerData(section, orientation, role);
}

} // namespace qd::gui
