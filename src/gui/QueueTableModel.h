#pragma once

#include "core/stats/ClusterStats.h"
#include "gui/KeyedTableModel.h"

#include <QList>
#include <QString>

#include <optional>

namespace qd::gui {

// One queue of one cluster as the Jobs table shows it.
struct QueueRow {
    QString name;
    QString key;
    qint64 length = 0;
    bool paused = false;
    std::optional<double> growthPerSecond; // over the last minute; nullopt without two samples
    QList<double> trend; // recent lengths, oldest first
    // The other states the cluster's queue system has (nullopt: it has no such state).
    QueueStates states {};
    bool pausable = true; // false: the system has no persistent pause
    std::optional<qint64> oldestJobAgeMs {};
    friend bool operator==(const QueueRow&, const QueueRow&) = default;
};

// The Jobs table: logical name, key, waiting jobs (and of them those waiting by priority), the
// other states the queue system keeps, the oldest job's age, paused (or "cannot pause"),
// growth rate and a trend sparkline.
class QueueTableModel final : public KeyedTableModel<QueueRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueTableModel)

public:
    enum Column {
        Name,
        Key,
        Size,
        Prioritized,
        Active,
        Scheduled,
        WaitingChildren,
        Retry,
        Failed,
        Completed,
        OldestAge,
        Paused,
        Rate,
        Trend,
        ColumnCount,
        // The columns only some queue systems fill.
        FirstOptional = Prioritized,
        LastOptional = OldestAge
    };

    explicit QueueTableModel(QObject* parent = nullptr);

    // Whether any row has a value in a column that only some queue systems fill
    // (FirstOptional … LastOptional); the page hides the columns where none has, rather than
    // showing zeros.
    bool hasValues(int column) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const QueueRow& row) const override { return row.name; }

private:
    QVariant display(const QueueRow& row, int column) const;
    QVariant sortValue(const QueueRow& row, int column) const;
};

} // namespace qd::gui
