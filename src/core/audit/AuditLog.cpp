#include "core/audit/AuditLog.h"

#include "core/errors/Errors.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace qd {
namespace {

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A null QString binds as SQL NULL; the columns are NOT NULL on purpose, so bind "" instead.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Statements that build the schema; append-only is enforced by the database itself so no code
// path (or a future bug) can rewrite history.
const char* const kSchema[] = {
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "CREATE TABLE IF NOT EXISTS audit ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action_id TEXT NOT NULL,"
    " type TEXT NOT NULL, status TEXT NOT NULL, actor TEXT NOT NULL, targets TEXT NOT NULL,"
    " targets_flat TEXT NOT NULL, parameters TEXT NOT NULL, results TEXT NOT NULL,"
    " message TEXT NOT NULL, snapshot TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS audit_action ON audit(action_id)",
    "CREATE INDEX IF NOT EXISTS audit_at ON audit(at)",
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
};

const QString kInsert = QStringLiteral(
    "INSERT INTO audit (at, action_id, type, status, actor, targets, targets_flat, parameters,"
    " results, message, snapshot) VALUES (?,?,?,?,?,?,?,?,?,?,?)");

// Most rows the writer commits in one transaction (one fsync for all of them).
constexpr std::size_t kMaxBatch = 256;

struct PendingRow {
    QVariantList values;
    QString actionId;
    QObject* context = nullptr; // null: written runs on the writer thread
    AuditLog::Written written;
};

QVariantList rowValues(const MultiAction& action, const QString& actor, const QString& message)
{
    const QJsonObject snapshot = action.toJson();
    return {QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), text(action.id),
        text(action.type), actionStatusName(action.status),
        actor.isEmpty() ? QStringLiteral("system") : actor,
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(action.targets))
                              .toJson(QJsonDocument::Compact)),
        // ",a,b," lets a query find a cluster with LIKE '%,a,%' without JSON functions.
        QString(u',' + action.targets.join(u',') + u','), compact(action.parameters),
        compact(snapshot.value(QStringLiteral("results")).toObject()),
        text(message.isEmpty() ? action.error : message), compact(snapshot)};
}

} // namespace

// The thread that owns the write connection. Rows are committed in queue order, several per
// transaction when they queue up behind a slow disk, so a burst costs one fsync rather than one
// per row.
class AuditLog::Writer {
public:
    Writer(const QString& path, const QString& connection)
        : m_path(path), m_connection(connection), m_thread([this] { run(); })
    {
    }

    ~Writer()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void push(PendingRow row)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(row));
            ++m_queued;
        }
        m_wake.notify_all();
    }

    void flush()
    {
        std::unique_lock lock(m_mutex);
        const qint64 target = m_queued;
        m_done.wait(lock, [&] { return m_finished >= target; });
    }

    int backlog() const
    {
        const std::lock_guard lock(m_mutex);
        return static_cast<int>(m_queued - m_finished);
    }

    std::atomic<qint64> delayMs = 0;

private:
    void run()
    {
        QString openError;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
            db.setDatabaseName(m_path);
            if (!db.open()) {
                openError = db.lastError().text();
            } else {
                // Per connection: every commit of this one waits for the disk.
                for (const char* pragma :
                    {"PRAGMA synchronous=FULL", "PRAGMA busy_timeout=10000"}) {
                    QSqlQuery query(db);
                    if (!query.exec(QString::fromLatin1(pragma)))
                        openError = query.lastError().text();
                }
            }
            loop(openError);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }

    void loop(const QString& openError)
    {
        for (;;) {
            std::vector<PendingRow> batch;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || !m_queue.empty(); });
                if (m_queue.empty())
                    return;
                while (!m_queue.empty() && batch.size() < kMaxBatch) {
                    batch.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
            }
            if (const qint64 delay = delayMs.load(); delay > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(delay));
            const std::vector<QString> errors = write(batch, openError);
            for (std::size_t i = 0; i < batch.size(); ++i) {
                PendingRow& row = batch[i];
                if (!row.written)
                    continue;
                if (!row.context) {
                    row.written(errors[i]);
                    continue;
                }
                QMetaObject::invokeMethod(
                    row.context,
                    [written = std::move(row.written), error = errors[i]] { written(error); },
                    Qt::QueuedConnection);
            }
            {
                const std::lock_guard lock(m_mutex);
                m_finished += static_cast<qint64>(batch.size());
            }
            m_done.notify_all();
        }
    }

    // One error per row, empty when the row is durable.
    std::vector<QString> write(const std::vector<PendingRow>& batch, const QString& openError)
    {
        std::vector<QString> errors(batch.size());
        std::vector<std::size_t> todo;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!openError.isEmpty())
                errors[i]
                    = QStringLiteral("cannot write the audit log %1: %2").arg(m_path, openError);
            else if (m_failed.contains(batch[i].actionId))
                errors[i] = QStringLiteral(
                    "cannot write the audit log %1: an earlier row of this action was not written")
                                .arg(m_path);
            else
                todo.push_back(i);
        }
        if (todo.empty())
            return errors;
        if (commit(batch, todo).isEmpty())
            return errors;
        // Something in the batch failed: alone, each row fails or succeeds on its own.
        for (const std::size_t i : todo) {
            if (m_failed.contains(batch[i].actionId)) {
                errors[i] = QStringLiteral(
                    "cannot write the audit log %1: an earlier row of this action was not written")
                                .arg(m_path);
                continue;
            }
            const QString error = commit(batch, {i});
            if (!error.isEmpty()) {
                errors[i] = QStringLiteral("cannot write the audit log %1: %2").arg(m_path, error);
                m_failed.insert(batch[i].actionId);
            }
        }
        return errors;
    }

    QString commit(const std::vector<PendingRow>& batch, const std::vector<std::size_t>& rows)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!db.transaction())
            return db.lastError().text();
        QSqlQuery query(db);
        if (!query.prepare(kInsert)) {
            db.rollback();
            return query.lastError().text();
        }
        for (const std::size_t i : rows) {
            for (const QVariant& value : batch[i].values)
                query.addBindValue(value);
            if (!query.exec()) {
                const QString error = query.lastError().text();
                db.rollback();
                return error;
            }
        }
        if (!db.commit()) {
            const QString error = db.lastError().text();
            db.rollback();
            return error;
        }
        return {};
    }

    QString m_path;
    QString m_connection;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::deque<PendingRow> m_queue;
    qint64 m_queued = 0;
    qint64 m_finished = 0;
    bool m_stop = false;
    QSet<QString> m_failed; // writer thread only
    std::thread m_thread; // last: it starts running in the constructor
};

QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("at"), at.toString(Qt::ISODateWithMs)},
        {QStringLiteral("action_id"), actionId}, {QStringLiteral("type"), type},
        {QStringLiteral("status"), status}, {QStringLiteral("actor"), actor},
        {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
        {QStringLiteral("parameters"), parameters}, {QStringLiteral("results"), results},
        {QStringLiteral("message"), message}};
}

QString AuditLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/audit.sqlite");
}

AuditLog::AuditLog(const QString& path)
    : m_path(path)
    , m_connection(QStringLiteral("qd-audit-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw QueueDeckError(Severity::Critical,
            QStringLiteral("cannot create the audit log folder %1").arg(info.absolutePath()));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        throw QueueDeckError(Severity::Critical,
            QStringLiteral("cannot open the audit log %1: %2").arg(path, db.lastError().text()));
    for (const char* statement : kSchema) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(statement)))
            throw QueueDeckError(Severity::Critical,
                QStringLiteral("audit log %1 is not usable: %2")
                    .arg(path, query.lastError().text()));
    }
    m_writer = std::make_unique<Writer>(path, m_connection + QStringLiteral("-writer"));
    if (const int delay = qEnvironmentVariableIntValue("QD_AUDIT_TEST_WRITE_DELAY_MS"); delay > 0)
        m_writer->delayMs = delay;
}

AuditLog::~AuditLog()
{
    m_writer.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

void AuditLog::appendQueued(const MultiAction& action, const QString& actor, const QString& message,
    QObject* context, Written written)
{
    m_writer->push(PendingRow {rowValues(action, actor, message), action.id, context,
        written ? std::move(written) : Written([](const QString&) {})});
}

void AuditLog::append(const MultiAction& action, const QString& actor, const QString& message)
{
    std::promise<QString> result;
    std::future<QString> done = result.get_future();
    m_writer->push(PendingRow {rowValues(action, actor, message), action.id, nullptr,
        [&result](const QString& error) { result.set_value(error); }});
    const QString error = done.get();
    if (!error.isEmpty())
        throw QueueDeckError(Severity::Critical, error);
}

void AuditLog::flush()
{
    m_writer->flush();
}

int AuditLog::backlog() const
{
    return m_writer->backlog();
}

void AuditLog::setWriteDelayForTesting(std::chrono::milliseconds delay)
{
    m_writer->delayMs = delay.count();
}

QList<AuditEntry> AuditLog::query(const AuditQuery& q) const
{
    QStringList where;
    QVariantList values;
    const auto add = [&](const QString& clause, const QVariant& value) {
        where.append(clause);
        values.append(value);
    };
    if (q.from.isValid())
        add(QStringLiteral("at >= ?"), q.from.toUTC().toString(Qt::ISODateWithMs));
    if (q.to.isValid())
        add(QStringLiteral("at < ?"), q.to.toUTC().toString(Qt::ISODateWithMs));
    if (!q.cluster.isEmpty()) {
        QString escaped = q.cluster;
        escaped.replace(QStringLiteral("%"), QStringLiteral("\\%"))
            .replace(QStringLiteral("_"), QStringLiteral("\\_"));
        add(QStringLiteral("targets_flat LIKE ? ESCAPE '\\'"),
            QString(QStringLiteral("%,") + escaped + QStringLiteral(",%")));
    }
    if (!q.type.isEmpty())
        add(QStringLiteral("type = ?"), q.type);
    if (!q.status.isEmpty())
        add(QStringLiteral("status = ?"), q.status);
    if (!q.actionId.isEmpty())
        add(QStringLiteral("action_id = ?"), q.actionId);
    QString sql = QStringLiteral("SELECT seq, at, action_id, type, status, actor, targets, "
                                 "parameters, results, message FROM audit");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY seq DESC LIMIT %1").arg(std::clamp(q.limit, 1, 10000));
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(sql);
    for (const QVariant& value : values)
        query.addBindValue(value);
    QList<AuditEntry> entries;
    if (!query.exec())
        throw QueueDeckError(Severity::Error,
            QStringLiteral("cannot read the audit log: %1").arg(query.lastError().text()));
    while (query.next()) {
        AuditEntry e;
        e.seq = query.value(0).toLongLong();
        e.at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        e.actionId = query.value(2).toString();
        e.type = query.value(3).toString();
        e.status = query.value(4).toString();
        e.actor = query.value(5).toString();
        for (const QJsonValue& t :
            QJsonDocument::fromJson(query.value(6).toString().toUtf8()).array())
            e.targets.append(t.toString());
        e.parameters = parseObject(query.value(7).toString());
        e.results = parseObject(query.value(8).toString());
        e.message = query.value(9).toString();
        entries.append(e);
    }
    return entries;
}

QList<MultiAction> AuditLog::latestActions(int limit) const
{
    return snapshots(QStringLiteral("ORDER BY seq DESC LIMIT %1").arg(limit));
}

QList<MultiAction> AuditLog::unfinishedActions() const
{
    return snapshots(QStringLiteral("AND status IN ('executing', 'confirmed') ORDER BY seq DESC"));
}

std::optional<MultiAction> AuditLog::latest(const QString& actionId) const
{
    // Through the action_id index: an API lookup of an old action stays cheap.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        QStringLiteral("SELECT snapshot FROM audit WHERE action_id = ? ORDER BY seq DESC LIMIT 1"));
    query.addBindValue(actionId);
    if (!query.exec())
        throw QueueDeckError(Severity::Error,
            QStringLiteral("cannot read the audit log: %1").arg(query.lastError().text()));
    if (!query.next())
        return std::nullopt;
    return MultiAction::fromJson(parseObject(query.value(0).toString()));
}

QList<MultiAction> AuditLog::snapshots(const QString& tail) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT snapshot FROM audit WHERE seq IN (SELECT MAX(seq) FROM "
                                 "audit GROUP BY action_id) ")
        + tail);
    QList<MultiAction> actions;
    if (!query.exec())
        throw QueueDeckError(Severity::Error,
            QStringLiteral("cannot read the audit log: %1").arg(query.lastError().text()));
    while (query.next()) {
        if (const auto action = MultiAction::fromJson(parseObject(query.value(0).toString())))
            actions.append(*action);
    }
    return actions;
}

} // namespace qd
