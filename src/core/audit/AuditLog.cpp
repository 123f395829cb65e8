#include "core/audit/AuditLog.h"

#include "core/errors/Errors.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

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

} // namespace

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
}

AuditLog::~AuditLog()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

void AuditLog::append(const MultiAction& action, const QString& actor, const QString& message)
{
    const QJsonObject snapshot = action.toJson();
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "INSERT INTO audit (at, action_id, type, status, actor, targets, targets_flat, parameters,"
        " results, message, snapshot) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    query.addBindValue(text(action.id));
    query.addBindValue(text(action.type));
    query.addBindValue(actionStatusName(action.status));
    query.addBindValue(actor.isEmpty() ? QStringLiteral("system") : actor);
    query.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(action.targets)).toJson(QJsonDocument::Compact)));
    // ",a,b," lets a query find a cluster with LIKE '%,a,%' without JSON functions.
    query.addBindValue(QString(u',' + action.targets.join(u',') + u','));
    query.addBindValue(compact(action.parameters));
    query.addBindValue(compact(snapshot.value(QStringLiteral("results")).toObject()));
    query.addBindValue(text(message.isEmpty() ? action.error : message));
    query.addBindValue(compact(snapshot));
    if (!query.exec())
        throw QueueDeckError(Severity::Critical,
            QStringLiteral("cannot write the audit log %1: %2")
                .arg(m_path, query.lastError().text()));
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
