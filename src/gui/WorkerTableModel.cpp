#include "gui/WorkerTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

#include <QLocale>

namespace qd::gui {

WorkerTableModel::WorkerTableModel(QObject* parent) : KeyedTableModel<WorkerStat>(parent)
{
}

int WorkerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const WorkerStat& row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case KeyRole:
        return row.id;
    case HighlightRole:
        return row.orphaned();
    case Qt::TextAlignmentRole:
        if (index.column() == Processing || index.column() == HeartbeatAge)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == State && row.orphaned())
            return HealthStyle::color(Severity::Critical);
        return {};
    case Qt::DecorationRole:
        if (index.column() == State)
            return row.orphaned() ? HealthStyle::dot(Severity::Critical)
                : row.live()      ? HealthStyle::dot(HealthStatus::Healthy)
                                  : HealthStyle::dot(HealthStatus::Unknown);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == State && row.orphaned())
            return tr(
                "Holds %n job(s) but has no heartbeat: the reaper should return them to their "
                "queue",
                nullptr, int(row.processingLength));
        if (index.column() == HeartbeatAge && row.heartbeatTtlMs)
            return tr("Heartbeat expires in %1").arg(Format::age(*row.heartbeatTtlMs));
        if (index.column() == LastSeen && row.lastSeen)
            return QLocale().toString(row.lastSeen->toLocalTime(), QLocale::LongFormat);
        if (index.column() == State && row.idle)
            return tr("Seen alive recently and holding no job now: between two jobs");
        return {};
    default:
        return {};
    }
}

QString WorkerTableModel::stateText(const WorkerStat& row) const
{
    if (row.orphaned())
        return tr("Orphaned");
    return row.live() ? tr("Live") : tr("Idle");
}

QVariant WorkerTableModel::display(const WorkerStat& row, int column) const
{
    switch (column) {
    case Id:
        return row.id;
    case CurrentJob:
        return row.currentJobId.isEmpty() ? Format::dash() : row.currentJobId;
    case Processing:
        return Format::count(row.processingLength);
    case HeartbeatAge:
        return Format::optionalAge(row.heartbeatAgeMs);
    case LastSeen:
        return row.lastSeen ? QLocale().toString(row.lastSeen->toLocalTime().time(), u"HH:mm:ss")
                            : Format::dash();
    case State:
        return stateText(row);
    default:
        return {};
    }
}

QVariant WorkerTableModel::sortValue(const WorkerStat& row, int column)
{
    switch (column) {
    case Id:
        return row.id;
    case CurrentJob:
        return row.currentJobId;
    case Processing:
        return row.processingLength;
    case HeartbeatAge:
        return row.heartbeatAgeMs.value_or(-1);
    case LastSeen:
        return row.lastSeen ? row.lastSeen->toMSecsSinceEpoch() : qint64(-1);
    case State:
        return row.orphaned() ? 2 : row.live() ? 0 : 1;
    default:
        return {};
    }
}

QVariant WorkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<WorkerStat>::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Worker");
    case CurrentJob:
        return tr("Current job");
    case Processing:
        return tr("Processing");
    case HeartbeatAge:
        return tr("Heartbeat age");
    case LastSeen:
        return tr("Last seen");
    case State:
        return tr("State");
    default:
        return {};
    }
}

} // namespace qd::gui
