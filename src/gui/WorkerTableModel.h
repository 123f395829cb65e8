#pragma once

#include "core/stats/ClusterStats.h"
#include "gui/KeyedTableModel.h"

namespace qd::gui {

// The Workers table: id, current job, processing length, heartbeat age, when the worker was
// last seen alive, and whether it is live, idle (between jobs, without a heartbeat), or
// orphaned (holds jobs without a heartbeat).
class WorkerTableModel final : public KeyedTableModel<WorkerStat> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerTableModel)

public:
    enum Column { Id, CurrentJob, Processing, HeartbeatAge, LastSeen, State, ColumnCount };

    explicit WorkerTableModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const WorkerStat& row) const override { return row.id; }

private:
    QVariant display(const WorkerStat& row, int column) const;
    static QVariant sortValue(const WorkerStat& row, int column);
    QString stateText(const WorkerStat& row) const;
};

} // namespace qd::gui
