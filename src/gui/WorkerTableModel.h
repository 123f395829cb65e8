#pragma once

#include "core/stats/ClusterStats.h"
#include "gui/KeyedTableModel.h"

namespace qd::gui {

// The Workers table: id, host, pid, busy and concurrency (process-based systems), current
// jobs, processing length, heartbeat age, when the worker was last seen alive, and whether it
// is live, quiet, stopping, idle (between jobs, without a heartbeat), or orphaned (holds jobs
// without a heartbeat).
class WorkerTableModel final : public KeyedTableModel<WorkerStat> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerTableModel)

public:
    enum Column {
        Id,
        Host,
        Pid,
        Busy,
        Concurrency,
        CurrentJob,
        Processing,
        HeartbeatAge,
        LastSeen,
        State,
        ColumnCount
    };

    explicit WorkerTableModel(QObject* parent = nullptr);

    // Whether any worker has a value in Host, Pid, Busy or Concurrency: systems whose workers
    // are single-job processes have none, and the page hides those columns.
    bool hasValues(int column) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const WorkerStat& row) const override { return row.id; }

private:
    QVariant display(const WorkerStat& row, int column) const;
    static QVariant sortValue(const WorkerStat& row, int column);
    QString stateText(const WorkerStat& row) const;
    QString currentJobText(const WorkerStat& row) const;
    QString jobsToolTip(const WorkerStat& row) const;
};

} // namespace qd::gui
