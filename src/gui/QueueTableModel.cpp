#include "gui/QueueTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

namespace qd::gui {

QueueTableModel::QueueTableModel(QObject* parent) : KeyedTableModel<QueueRow>(parent)
{
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
        if (index.column() == Size || index.column() == Rate)
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
        if (index.column() == Paused && row.paused)
            return tr("Workers that honour the pause flag take no jobs from this queue");
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
    case Paused:
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
    case Paused:
        return row.paused;
    case Rate:
    case Trend:
        return row.growthPerSecond.value_or(0.0);
    default:
        return {};
    }
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<QueueRow>::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Queue");
    case Key:
        return tr("Redis key");
    case Size:
        return tr("Size");
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
