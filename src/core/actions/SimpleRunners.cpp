#include "core/actions/SimpleRunners.h"

#include "core/actions/ActionTypes.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace qd {

using redis::Command;

namespace {

// Both calls in one script: atomic, and a single round trip.
const QByteArray kPurgeScript = QByteArrayLiteral(
    "local n = redis.call('LLEN', KEYS[1]) redis.call('UNLINK', KEYS[1]) return n");

QString errorText(const redis::Reply& reply)
{
    return reply.isError() ? reply.toString() : QString();
}

// Empties one list and reports how many jobs it held.
TargetResult unlinkList(const ActionContext& c, const QByteArray& key, const QString& what)
{
    const redis::Reply reply
        = c.client.command(Command {"EVAL", kPurgeScript, "1", key}.routeBy(key));
    TargetResult result;
    if (reply.isError()) {
        result.message = QStringLiteral("could not delete %1: %2").arg(what, errorText(reply));
        return result;
    }
    const qint64 purged = reply.toInteger();
    result.success = true;
    result.message = QStringLiteral("deleted %1 jobs of %2").arg(purged).arg(what);
    result.details
        = {{QStringLiteral("purged"), purged}, {QStringLiteral("key"), QString::fromUtf8(key)}};
    return result;
}

} // namespace

TargetResult PurgeDeadLettersRunner::run(const ActionContext& c)
{
    return unlinkList(
        c, c.cluster.queueSystem.deadLetterKey.toUtf8(), QStringLiteral("the dead letters"));
}

TargetResult ClearQueueRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    TargetResult result = unlinkList(
        c, actiontypes::queueKey(c.cluster, queue).toUtf8(), QStringLiteral("queue %1").arg(queue));
    result.details.insert(QStringLiteral("queue"), queue);
    return result;
}

TargetResult PauseQueueRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    const QByteArray key = c.cluster.queueSystem.pauseKey(queue).toUtf8();
    // The flag's value says who paused and when, for whoever finds it in redis-cli.
    const QByteArray value = QJsonDocument(
        QJsonObject {{QStringLiteral("paused_by"), QStringLiteral("queuedeck")},
            {QStringLiteral("action"), c.actionId},
            {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}})
                                 .toJson(QJsonDocument::Compact);
    const Command change = m_pause ? Command {"SET", key, value} : Command {"DEL", key};
    const QList<redis::Reply> replies = c.client.pipeline({change, Command {"EXISTS", key}});
    TargetResult result;
    if (replies[0].isError() || replies[1].isError()) {
        result.message = QStringLiteral("could not change the pause flag: %1")
                             .arg(errorText(replies[0].isError() ? replies[0] : replies[1]));
        return result;
    }
    const bool paused = replies[1].toInteger() > 0;
    result.success = paused == m_pause;
    result.message = paused
        ? QStringLiteral("queue %1 is paused (flag %2 set)").arg(queue, QString::fromUtf8(key))
        : QStringLiteral("queue %1 is running (flag %2 cleared)")
              .arg(queue, QString::fromUtf8(key));
    if (!result.success)
        result.message = QStringLiteral("flag read back wrong: ") + result.message;
    result.details = {{QStringLiteral("queue"), queue}, {QStringLiteral("paused"), paused},
        {QStringLiteral("flag_key"), QString::fromUtf8(key)}};
    return result;
}

TargetResult PeekRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    const qint64 count
        = ActionCatalog::of(ActionType::Peek).integerOf(c.parameters, QStringLiteral("count"));
    const QByteArray key = actiontypes::queueKey(c.cluster, queue).toUtf8();
    // Workers take from the tail (RPOPLPUSH); the oldest dead letter is at the tail too. So the
    // next jobs are the last ones, read newest-last and reversed.
    const QList<redis::Reply> replies = c.client.pipeline(
        {Command {"LRANGE", key, QByteArray::number(-count), "-1"}, Command {"LLEN", key}});
    TargetResult result;
    if (replies[0].isError()) {
        result.message = QStringLiteral("peek failed: %1").arg(errorText(replies[0]));
        return result;
    }
    QJsonArray jobs;
    const QList<redis::Reply>& items = replies[0].elements();
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(it->toByteArray(), &error);
        if (error.error == QJsonParseError::NoError && doc.isObject())
            jobs.append(doc.object());
        else
            jobs.append(
                QJsonObject {{QStringLiteral("raw"), QString::fromUtf8(it->toByteArray())}});
    }
    result.success = true;
    result.message = QStringLiteral("%1 of %2 jobs in %3")
                         .arg(jobs.size())
                         .arg(replies[1].toInteger())
                         .arg(queue);
    result.details = {{QStringLiteral("queue"), queue},
        {QStringLiteral("length"), replies[1].toInteger()}, {QStringLiteral("jobs"), jobs}};
    return result;
}

} // namespace qd
