#include "gui/QueueTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

namespace qd::gui {

QueueTableModel::QueueTableModel(QObject* parent) : KeyedTableModel<QueueRow>(parent)
{
}

namespace {

// The value of a state column, nullopt where the row's system has no such state.
std::optional<qint64> stateValue(const QueueRow& row, int column)
{
    switch (column) {
    case QueueTableModel::Prioritized:
        return row.states.prioritized;
    case QueueTableModel::Active:
        return row.states.active;
    case QueueTableModel::Scheduled:
        return row.states.scheduled;
    case QueueTableModel::WaitingChildren:
        return row.states.waitingChildren;
    case QueueTableModel::Retry:
        return row.states.retry;
    case QueueTableModel::Failed:
        return row.states.failed;
    case QueueTableModel::Completed:
        return row.states.completed;
    case QueueTableModel::OldestAge:
        return row.oldestJobAgeMs;
    default:
        return std::nullopt;
    }
}

bool isOptionalColumn(int column)
{
    return column >= QueueTableModel::FirstOptional && column <= QueueTableModel::LastOptional;
}

} // namespace

bool QueueTableModel::hasValues(int column) const
{
    if (!isOptionalColumn(column))
        return true;
    const QList<QueueRow>& all = rows();
    return std::any_of(all.cbegin(), all.cend(),
        [column](const QueueRow& row) { return stateValue(row, column).has_value(); });
}

int QueueTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const QueueRow& row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case TrendRole:
        return index.column() == Trend ? QVariant::fromValue(row.trend) : QVariant();
    case KeyRole:
        return row.name;
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Rate || isOptionalColumn(index.column()))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Paused && row.paused)
            return HealthStyle::color(Severity::Warning);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Rate && row.growthPerSecond) {
            return *row.growthPerSecond >= 0
                ? tr("Growing by %1 over the last minute").arg(Format::rate(*row.growthPerSecond))
                : tr("Draining by %1 over the last minute")
                      .arg(Format::rate(-*row.growthPerSecond));
        }
        if (index.column() == Paused && !row.pausable)
            return tr("This queue system has no persistent pause; quiet its workers instead");
        if (index.column() == Paused && row.paused)
            return tr("Workers that honour the pause flag take no jobs from this queue");
        if (index.column() == Size && row.states.prioritized.value_or(0) > 0)
            return tr("%1 in the wait list, %2 waiting by priority")
                .arg(Format::count(row.length - *row.states.prioritized),
                    Format::count(*row.states.prioritized));
        return {};
    default:
        return {};
    }
}

QVariant QueueTableModel::display(const QueueRow& row, int column) const
{
    switch (column) {
    case Name:
        return row.name;
    case Key:
        return row.key;
    case Size:
        return Format::count(row.length);
    case Prioritized:
    case Active:
    case Scheduled:
    case WaitingChildren:
    case Retry:
    case Failed:
    case Completed: {
        const std::optional<qint64> value = stateValue(row, column);
        return value ? Format::count(*value) : Format::dash();
    }
    case OldestAge:
        return Format::optionalAge(row.oldestJobAgeMs);
    case Paused:
        if (!row.pausable)
            return tr("Cannot pause");
        return row.paused ? tr("Paused") : tr("Running");
    case Rate:
        if (!row.growthPerSecond)
            return Format::dash();
        return QString((*row.growthPerSecond > 0 ? QStringLiteral("+") : QString())
            + Format::rate(*row.growthPerSecond));
    default:
        return {};
    }
}

QVariant QueueTableModel::sortValue(const QueueRow& row, int column) const
{
    switch (column) {
    case Name:
        return row.name;
    case Key:
        return row.key;
    case Size:
        return row.length;
    case Prioritized:
    case Active:
    case Scheduled:
    case WaitingChildren:
    case Retry:
    case Failed:
    case Completed:
    case OldestAge:
        return stateValue(row, column).value_or(-1);
    case Paused:
        return row.pausable ? int(row.paused) : -1;
    case Rate:
    case Trend:
        return row.growthPerSecond.value_or(0.0);
    default:
        return {};
    }
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == Prioritized)
            return tr("Waiting jobs given a priority, which BullMQ keeps apart from its wait "
                      "list; counted in Size");
        if (section == WaitingChildren)
            return tr("Parent jobs of a flow waiting for their children to finish; not counted "
                      "in Size");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<QueueRow>::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Queue");
    case Key:
        return tr("Redis key");
    case Size:
        return tr("Size");
    case Prioritized:
        return tr("Prioritized");
    case Active:
        return tr("Active");
    case Scheduled:
        return tr("Scheduled");
    case WaitingChildren:
        return tr("Waiting children");
    case Retry:
        return tr("Retry");
    case Failed:
        return tr("Failed");
    case Completed:
        return tr("Completed");
    case OldestAge:
        return tr("Oldest job");
    case Paused:
        return tr("State");
    case Rate:
        return tr("Growth");
    case Trend:
        return tr("Trend");
    default:
        return {};
    }
}

} // namespace qd::gui
