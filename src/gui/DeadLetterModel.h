#pragma once

#include "gui/KeyedTableModel.h"

#include <QJsonObject>

namespace qd::gui {

// One peeked dead letter: the job's JSON (or its raw text when it is not JSON) and where it
// sits in the list.
struct DeadLetterRow {
    QString key; // stable across peeks: job id plus occurrence
    int position = 0; // 1 = the next one a requeue takes
    QJsonObject job;
    friend bool operator==(const DeadLetterRow&, const DeadLetterRow&) = default;
};

// The Dead letters table: position, id, retries, priority, file, size, created.
class DeadLetterModel final : public KeyedTableModel<DeadLetterRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterModel)

public:
    enum Column { Position, Id, Retries, Priority, File, Size, Created, ColumnCount };

    explicit DeadLetterModel(QObject* parent = nullptr);

    // Replaces the rows with the jobs of a peek result (details["jobs"]).
    void setJobs(const QJsonArray& jobs);
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const DeadLetterRow& row) const override { return row.key; }

private:
    static QVariant field(const DeadLetterRow& row, int column);
};

} // namespace qd::gui
