#include "gui/OverviewModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

using namespace Qt::StringLiterals;

namespace qd::gui {

int OverviewRow::healthRank() const
{
    switch (status) {
    case HealthStatus::Unhealthy:
        return 0;
    case HealthStatus::Degraded:
        return 1;
    case HealthStatus::Unknown:
        return 2;
    case HealthStatus::Healthy:
        return 3;
    }
    return 2;
}

OverviewModel::OverviewModel(QObject* parent) : KeyedTableModel<OverviewRow>(parent)
{
}

void OverviewModel::setNow(const QDateTime& now)
{
    m_now = now;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, LastPoll), index(rowCount() - 1, LastPoll), {Qt::DisplayRole});
}

int OverviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OverviewModel::groupTitle(const QString& group)
{
    return group.isEmpty() ? tr("No group") : group;
}

Qt::ItemFlags OverviewModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags base = KeyedTableModel<OverviewRow>::flags(index);
    if (index.column() == Selected)
        base |= Qt::ItemIsUserCheckable;
    return base;
}

bool OverviewModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Selected || role != Qt::CheckStateRole)
        return false;
    const OverviewRow& row = rowAt(index.row());
    if ((value.toInt() == Qt::Checked) != row.selected)
        Q_EMIT selectionToggled(row.cluster);
    return true;
}

QVariant OverviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const OverviewRow& row = rowAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case SortRole:
        return sortValue(row, column);
    case TrendRole:
        if (column == JobTrend)
            return QVariant::fromValue(row.jobTrend);
        if (column == ErrorTrend)
            return QVariant::fromValue(row.errorTrend);
        return {};
    case KeyRole:
        return row.cluster;
    case HighlightRole:
        return row.status == HealthStatus::Unhealthy;
    case Qt::CheckStateRole:
        return column == Selected ? QVariant(row.selected ? Qt::Checked : Qt::Unchecked)
                                  : QVariant();
    case Qt::DecorationRole:
        if (column == Cluster)
            return HealthStyle::dot(row.color);
        if (column == Health)
            return HealthStyle::dot(row.status);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Backlog || column == JobRate || column == ErrorRate || column == DeadLetters
            || column == Workers)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (column == Health && row.status != HealthStatus::Healthy
            && row.status != HealthStatus::Unknown)
            return HealthStyle::color(row.worstSeverity);
        if (column == LastPoll && row.lastPoll.isValid() && m_now.isValid()
            && row.lastPoll.msecsTo(m_now) > 60'000)
            return HealthStyle::color(Severity::Warning);
        return {};
    case Qt::ToolTipRole:
        return toolTip(row, column);
    default:
        return {};
    }
}

QVariant OverviewModel::display(const OverviewRow& row, int column) const
{
    switch (column) {
    case Cluster:
        return row.label;
    case Group:
        return groupTitle(row.group);
    case Health:
        if (row.worstIssue.isEmpty())
            return HealthStyle::text(row.status);
        return row.issueCount > 1 ? tr("%1 (+%2)").arg(row.worstIssue).arg(row.issueCount - 1)
                                  : row.worstIssue;
    case Backlog:
        return row.hasStats ? Format::count(row.backlog) : Format::dash();
    case JobRate:
        return row.hasStats && row.ratesKnown ? Format::rate(row.jobRate) : Format::dash();
    case ErrorRate:
        return row.hasStats && row.ratesKnown ? Format::percent(row.errorRate) : Format::dash();
    case DeadLetters:
        if (row.hasStats && !row.deadLetters)
            return tr("unknown");
        return row.hasStats ? Format::count(*row.deadLetters) : Format::dash();
    case Workers:
        if (row.hasStats && !row.workers)
            return tr("unknown");
        return row.hasStats ? Format::count(*row.workers) : Format::dash();
    case LastPoll:
        return m_now.isValid() ? Format::ago(row.lastPoll, m_now) : Format::time(row.lastPoll);
    default:
        return {};
    }
}

QVariant OverviewModel::sortValue(const OverviewRow& row, int column) const
{
    switch (column) {
    case Selected:
        return row.selected;
    case Cluster:
        return row.label;
    case Group:
        return row.groupOrder;
    case Health:
        // Worst first in ascending order: status, then the worst issue's severity.
        return row.healthRank() * 10 + (int(Severity::Critical) - int(row.worstSeverity));
    case Backlog:
        return row.backlog;
    case JobRate:
    case JobTrend:
        return row.jobRate;
    case ErrorRate:
    case ErrorTrend:
        return row.errorRate;
    case DeadLetters:
        return row.deadLetters.value_or(-1);
    case Workers:
        return row.workers.value_or(-1);
    case LastPoll:
        return row.lastPoll.isValid() ? row.lastPoll.toMSecsSinceEpoch() : 0;
    default:
        return {};
    }
}

QVariant OverviewModel::toolTip(const OverviewRow& row, int column) const
{
    switch (column) {
    case Selected:
        return tr("Selected for the next action (Space)");
    case Cluster:
        return tr("%1 (%2): click or Enter to open").arg(row.label, row.cluster);
    case Health:
        return row.worstIssue.isEmpty()
            ? HealthStyle::text(row.status)
            : tr("%1: %2").arg(HealthStyle::text(row.status), row.worstIssue);
    case JobTrend:
        return tr("Completed jobs per second, last 10 minutes");
    case ErrorTrend:
        return tr("Error rate, last 10 minutes");
    case LastPoll:
        return Format::time(row.lastPoll);
    default:
        return {};
    }
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<OverviewRow>::headerData(section, orientation, role);
    switch (section) {
    case Selected:
        return QString();
    case Cluster:
        return tr("Cluster");
    case Group:
        return tr("Group");
    case Health:
        return tr("Health");
    case Backlog:
        return tr("Backlog");
    case JobRate:
        return tr("Jobs/s");
    case JobTrend:
        return tr("Jobs trend");
    case ErrorRate:
        return tr("Errors");
    case ErrorTrend:
        return tr("Errors trend");
    case DeadLetters:
        return tr("Dead letters");
    case Workers:
        return tr("Workers");
    case LastPoll:
        return tr("Last poll");
    default:
        return {};
    }
}

OverviewProxy::OverviewProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void OverviewProxy::setFilterText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

QString OverviewProxy::clusterAt(int proxyRow) const
{
    return index(proxyRow, 0).data(KeyRole).toString();
}

QVariant OverviewProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DisplayRole && index.column() == OverviewModel::Group && index.row() > 0) {
        const auto* model = static_cast<const OverviewModel*>(sourceModel());
        const QModelIndex here = mapToSource(index);
        const QModelIndex above = mapToSource(this->index(index.row() - 1, index.column()));
        if (here.isValid() && above.isValid()
            && model->rowAt(here.row()).groupOrder == model->rowAt(above.row()).groupOrder)
            return QString();
    }
    return QSortFilterProxyModel::data(index, role);
}

bool OverviewProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto* model = static_cast<const OverviewModel*>(sourceModel());
    const OverviewRow& a = model->rowAt(left.row());
    const OverviewRow& b = model->rowAt(right.row());
    // Groups keep their order in either direction: a descending sort reverses what this
    // answers, so the group comparison is reversed with it.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (a.groupOrder != b.groupOrder)
        return ascending ? a.groupOrder < b.groupOrder : a.groupOrder > b.groupOrder;
    const QVariant x = left.data(SortRole);
    const QVariant y = right.data(SortRole);
    const QPartialOrdering order = QVariant::compare(x, y);
    if (order == QPartialOrdering::Less || order == QPartialOrdering::Greater)
        return order == QPartialOrdering::Less;
    // Ties in configuration order, in either direction.
    return ascending ? a.configOrder < b.configOrder : a.configOrder > b.configOrder;
}

bool OverviewProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel* model = sourceModel();
    for (int column : {OverviewModel::Cluster, OverviewModel::Group, OverviewModel::Health}) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return model->index(sourceRow, 0, sourceParent)
        .data(KeyRole)
        .toString()
        .contains(m_text, Qt::CaseInsensitive);
}

} // namespace qd::gui
