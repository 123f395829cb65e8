#pragma once

#include "core/actions/MultiAction.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
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
// inserted. Rows are written by the log's own writer thread, in the order they were queued,
// each committed with a full fsync before it is reported written, so a slow disk never stalls
// the thread that queues them (the main thread) and a crash loses no row that was reported.
// Reads run on the thread that owns the log, on a connection of their own (WAL lets them run
// while the writer writes).
class AuditLog final {
public:
    // Opens (creating) the database. Throws QueueDeckError when it cannot be opened.
    explicit AuditLog(const QString& path);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    static QString defaultPath(); // <app data>/audit.sqlite
    const QString& path() const { return m_path; }

    // Called on the context's thread once the row is durable (error empty) or could not be
    // written (error says why). Once a row of an action fails, the later rows of the same
    // action are refused too, so the log never shows an action running whose start is missing.
    using Written = std::function<void(const QString& error)>;

    // Queues a row with the action's current state and returns at once. written runs on
    // context's thread, in queue order. The context must outlive the call, or flush() must run
    // before it is destroyed.
    void appendQueued(const MultiAction& action, const QString& actor, const QString& message,
        QObject* context, Written written);
    // Appends and waits until the row is durable (start-up and tests). Throws QueueDeckError
    // when it cannot be written.
    void append(const MultiAction& action, const QString& actor, const QString& message = {});
    // Waits until every row queued so far is written and its callback posted.
    void flush();
    // Rows queued and not yet durable.
    int backlog() const;

    // A test seam for a slow disk: the writer sleeps this long before each commit. Also set at
    // construction from the environment variable QD_AUDIT_TEST_WRITE_DELAY_MS.
    void setWriteDelayForTesting(std::chrono::milliseconds delay);
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

    class Writer;

    QString m_path;
    QString m_connection;
    std::unique_ptr<Writer> m_writer;
};

} // namespace qd
