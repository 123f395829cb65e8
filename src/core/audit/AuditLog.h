#pragma once

#include "core/actions/MultiAction.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace qd {

// One row of the audit log: one state change of one action.
struct AuditEntry {
    qint64 seq = 0; // row id, increasing
    QDateTime at; // UTC
    QString actionId;
    QString type;
    QString status;
    QString actor; // who caused this change (requested_by, confirmed_by, "system")
    QStringList targets;
    QJsonObject parameters;
    QJsonObject results; // per target, as in MultiAction::toJson()["results"]
    QString message;
    QJsonObject toJson() const;
};

struct AuditQuery {
    QDateTime from; // inclusive; invalid = no bound
    QDateTime to; // exclusive; invalid = no bound
    QString cluster; // rows whose targets include it
    QString type;
    QString status;
    QString actionId;
    int limit = 500;
};

// The append-only audit log of every action, in SQLite (Qt Sql, WAL). Rows are only ever
// inserted. Writes are synchronous and happen on the thread that owns the log (the main
// thread), before an action's execution starts and after it ends, so a crash loses nothing
// that ran.
class AuditLog final {
public:
    // Opens (creating) the database. Throws QueueDeckError when it cannot be opened.
    explicit AuditLog(const QString& path);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    static QString defaultPath(); // <app data>/audit.sqlite
    const QString& path() const { return m_path; }

    // Appends the action's current state. Throws QueueDeckError when the row cannot be written
    // (an action must not run unaudited).
    void append(const MultiAction& action, const QString& actor, const QString& message = {});
    QList<AuditEntry> query(const AuditQuery& query) const;
    // The latest state of each action, newest first (what the engine loads at start).
    QList<MultiAction> latestActions(int limit = 500) const;
    // Every action whose latest state is executing or confirmed, however old: the ones a crash
    // cut short (beyond latestActions' window too).
    QList<MultiAction> unfinishedActions() const;
    // The latest state of one action; nullopt when the log has none.
    std::optional<MultiAction> latest(const QString& actionId) const;

private:
    // The latest snapshot of each action; tail adds conditions ("AND ...") and the order.
    QList<MultiAction> snapshots(const QString& tail) const;

    QString m_path;
    QString m_connection;
};

} // namespace qd
