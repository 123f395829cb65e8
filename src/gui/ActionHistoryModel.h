#pragma once

#include "core/audit/AuditLog.h"
#include "gui/KeyedTableModel.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace qd::gui {

// One action with every state change the audit log holds about it (oldest first).
struct ActionHistoryRow {
    QString actionId;
    QString type;
    QString status; // the latest state
    QStringList targets;
    QString requestedBy;
    QString confirmedBy; // empty until confirmed
    QDateTime firstAt; // UTC
    QDateTime lastAt;
    QList<AuditEntry> changes;

    // From the start of its execution to its final state; nullopt while it has not ended or
    // when it never ran (cancelled while pending).
    std::optional<qint64> durationMs() const;
    // "2 of 2 succeeded", the error of a failed action, or the latest message.
    QString result() const;
    const AuditEntry& latest() const { return changes.last(); }
    // A row changes when another state change of the action is written: its newest row id.
    friend bool operator==(const ActionHistoryRow& a, const ActionHistoryRow& b)
    {
        return a.actionId == b.actionId && a.changes.size() == b.changes.size()
            && (a.changes.isEmpty() || a.changes.last().seq == b.changes.last().seq);
    }

    // Folds audit rows (any order) into one row per action, newest action first.
    static QList<ActionHistoryRow> fold(const QList<AuditEntry>& entries);
    // What the detail pane shows: parameters, the state changes, per-cluster results.
    QString details() const;
};

// The action history: one row per action, its latest state, targets, who asked and who
// confirmed, how long it ran and how it ended.
class ActionHistoryModel final : public KeyedTableModel<ActionHistoryRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionHistoryModel)

public:
    enum Column {
        Time,
        Type,
        Status,
        Targets,
        RequestedBy,
        ConfirmedBy,
        Duration,
        Result,
        ColumnCount
    };

    explicit ActionHistoryModel(QObject* parent = nullptr);

    // Rows of the given audit entries; with a state, only actions whose latest state it is.
    void setEntries(const QList<AuditEntry>& entries, const QString& latestState = {});
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const ActionHistoryRow& row) const override { return row.actionId; }
};

} // namespace qd::gui
