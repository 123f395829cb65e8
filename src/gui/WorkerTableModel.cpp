#include "gui/WorkerTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

#include <QLocale>

namespace qd::gui {

WorkerTableModel::WorkerTableModel(QObject* parent) : KeyedTableModel<WorkerStat>(parent)
{
}

bool WorkerTableModel::hasValues(int column) const
{
    const QList<WorkerStat>& all = rows();
    return std::any_of(all.cbegin(), all.cend(), [column](const WorkerStat& w) {
        switch (column) {
        case Host:
            return !w.host.isEmpty();
        case Pid:
            return w.pid.has_value();
        case Busy:
            return w.busy.has_value();
        case Concurrency:
            return w.concurrency.has_value();
        default:
            return true;
        }
    });
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
        if (index.column() == Processing || index.column() == HeartbeatAge || index.column() == Pid
            || index.column() == Busy || index.column() == Concurrency)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == State && row.orphaned())
            return HealthStyle::color(Severity::Critical);
        if (index.column() == State && (row.quiet || row.stopping))
            return HealthStyle::color(Severity::Warning);
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
        if (index.column() == CurrentJob && !row.jobs.isEmpty())
            return jobsToolTip(row);
        if (index.column() == Id && !row.queues.isEmpty())
            return tr("Takes jobs from: %1").arg(row.queues.join(QStringLiteral(", ")));
        if (index.column() == State && row.quiet && !row.stopping)
            return tr("Takes no new jobs; finishes the ones it holds");
        return {};
    default:
        return {};
    }
}

QString WorkerTableModel::stateText(const WorkerStat& row) const
{
    if (row.orphaned())
        return tr("Orphaned");
    if (row.stopping)
        return tr("Stopping");
    if (row.quiet)
        return tr("Quiet");
    return row.live() ? tr("Live") : tr("Idle");
}

QString WorkerTableModel::currentJobText(const WorkerStat& row) const
{
    if (row.jobs.isEmpty())
        return row.currentJobId.isEmpty() ? Format::dash() : row.currentJobId;
    const WorkerJob& first = row.jobs.constFirst();
    const QString what = first.jobClass.isEmpty() ? first.id : first.jobClass;
    const QString one = first.queue.isEmpty() ? what : tr("%1 (%2)").arg(what, first.queue);
    return row.jobs.size() == 1 ? one
                                : tr("%1 and %n more", nullptr, int(row.jobs.size() - 1)).arg(one);
}

QString WorkerTableModel::jobsToolTip(const WorkerStat& row) const
{
    QStringList lines;
    for (const WorkerJob& job : row.jobs) {
        QString line = job.jobClass.isEmpty() ? job.id : tr("%1 %2").arg(job.jobClass, job.id);
        if (!job.queue.isEmpty())
            line = tr("%1 from %2").arg(line, job.queue);
        if (job.startedAt.isValid())
            line = tr("%1, started %2").arg(line, Format::time(job.startedAt));
        lines.append(line);
    }
    return lines.join(u'\n');
}

QVariant WorkerTableModel::display(const WorkerStat& row, int column) const
{
    switch (column) {
    case Id:
        return row.id;
    case Host:
        return row.host.isEmpty() ? Format::dash() : row.host;
    case Pid:
        return row.pid ? QString::number(*row.pid) : Format::dash();
    case Busy:
        return row.busy ? Format::count(*row.busy) : Format::dash();
    case Concurrency:
        return row.concurrency ? Format::count(*row.concurrency) : Format::dash();
    case CurrentJob:
        return currentJobText(row);
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
    case Host:
        return row.host;
    case Pid:
        return row.pid.value_or(-1);
    case Busy:
        return row.busy.value_or(-1);
    case Concurrency:
        return row.concurrency.value_or(-1);
    case CurrentJob:
        return row.jobs.isEmpty() ? row.currentJobId : row.jobs.constFirst().jobClass;
    case Processing:
        return row.processingLength;
    case HeartbeatAge:
        return row.heartbeatAgeMs.value_or(-1);
    case LastSeen:
        return row.lastSeen ? row.lastSeen->toMSecsSinceEpoch() : qint64(-1);
    case State:
        return row.orphaned() ? 3 : row.stopping ? 2 : (row.quiet || !row.live()) ? 1 : 0;
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
    case Host:
        return tr("Host");
    case Pid:
        return tr("PID");
    case Busy:
        return tr("Busy");
    case Concurrency:
        return tr("Concurrency");
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
