#pragma once

#include "core/audit/AuditLog.h"
#include "gui/KeyedTableModel.h"

namespace qd::gui {

// Audit rows never change once written: the row id is the whole identity.
struct AuditRow {
    AuditEntry entry;
    friend bool operator==(const AuditRow& a, const AuditRow& b)
    {
        return a.entry.seq == b.entry.seq;
    }
};

// The audit log as a table: when, which action, type, status, who, targets, message.
class AuditTableModel final : public KeyedTableModel<AuditRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column { Time, Action, Type, Status, Actor, Targets, Message, ColumnCount };

    explicit AuditTableModel(QObject* parent = nullptr);

    void setEntries(const QList<AuditEntry>& entries);
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const AuditRow& row) const override { return QString::number(row.entry.seq); }

private:
    static QVariant statusColor(const QString& status);
};

} // namespace qd::gui
