#include "core/queues/celery/CeleryReader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qd::celery {

using redis::Command;
using redis::Reply;

namespace {

// Per queue, one LLEN per priority step; then the cluster-wide unacked figures.
constexpr int tailCommands = 3;

QJsonValue parseJson(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return {};
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

void addEvent(QList<Event>& events, const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    const QString type = object.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        return;
    events.append({type, object.value(QStringLiteral("hostname")).toString(), object});
}

} // namespace

QList<QByteArray> queueLists(const QString& queue)
{
    const QByteArray name = queue.toUtf8();
    QList<QByteArray> lists {name};
    for (int step = 1; step < priorityStepCount; ++step)
        lists.append(name + separator.toByteArray() + QByteArray::number(priorityStepsList[step]));
    return lists;
}

QString queueOfBinding(QByteArrayView bindingKey, QByteArrayView member)
{
    const QByteArrayView exchange = bindingKey.sliced(bindingPattern.size() - 1);
    // Remote control (celery.pidbox), its replies (reply.celery.pidbox, one short-lived queue
    // per caller) and events (celeryev) are bound like task queues but are not ones.
    if (exchange.endsWith(".pidbox") || exchange == "celeryev")
        return {};
    // "<routing key>\x06\x16<pattern>\x06\x16<queue>"
    const QList<QByteArray> parts = member.toByteArray().split('\x06');
    if (parts.size() != 3)
        return {};
    QByteArray queue = parts.at(2);
    if (!queue.startsWith('\x16'))
        return {};
    queue.remove(0, 1);
    return QString::fromUtf8(queue);
}

QByteArray eventPattern(int db)
{
    return "/" + QByteArray::number(db) + ".celeryev/*";
}

QList<Command> pollCommands(const QStringList& queues, double overdueBefore)
{
    QList<Command> commands;
    commands.reserve(queues.size() * priorityStepCount + tailCommands);
    for (const QString& queue : queues) {
        for (const QByteArray& list : queueLists(queue))
            commands.append(Command {"LLEN", list});
    }
    commands.append(Command {"HLEN", unackedKey.toByteArray()});
    commands.append(Command {"ZRANGE", unackedIndexKey.toByteArray(), "0", "0", "WITHSCORES"});
    commands.append(Command {"ZCOUNT", unackedIndexKey.toByteArray(), "-inf",
        "(" + QByteArray::number(overdueBefore, 'f', 3)});
    return commands;
}

PollReading readPoll(const QStringList& queues, const QList<Reply>& replies)
{
    PollReading reading;
    const qsizetype expected = queues.size() * priorityStepCount + tailCommands;
    if (replies.size() != expected) {
        reading.error
            = QStringLiteral("expected %1 replies, got %2").arg(expected).arg(replies.size());
        return reading;
    }
    for (const Reply& reply : replies) {
        if (reply.isError()) {
            reading.error = reply.toString();
            return reading;
        }
    }
    for (qsizetype q = 0; q < queues.size(); ++q) {
        QueueReading& queue = reading.queues.emplace_back();
        queue.name = queues[q];
        for (int step = 0; step < priorityStepCount; ++step) {
            queue.lists[step] = replies[q * priorityStepCount + step].toInteger();
            queue.length += queue.lists[step];
        }
    }
    const Reply* tail = replies.constData() + queues.size() * priorityStepCount;
    reading.unacked = tail[0].toInteger();
    if (tail[1].size() == 2) {
        bool ok = false;
        const double score = tail[1].at(1).toByteArray().toDouble(&ok);
        if (ok)
            reading.oldestUnackedSeconds = score;
    }
    reading.overdueUnacked = tail[2].toInteger();
    return reading;
}

QList<Event> eventsOfMessage(const QByteArray& payload)
{
    QList<Event> events;
    const QJsonObject envelope = parseJson(payload).toObject();
    const QJsonValue body = envelope.value(QStringLiteral("body"));
    if (!body.isString())
        return events;
    QByteArray text = body.toString().toUtf8();
    const QString encoding = envelope.value(QStringLiteral("properties"))
                                 .toObject()
                                 .value(QStringLiteral("body_encoding"))
                                 .toString();
    if (encoding == u"base64") {
        const auto decoded
            = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return events;
        text = decoded.decoded;
    }
    const QJsonValue content = parseJson(text);
    if (content.isArray()) {
        for (const QJsonValue& each : content.toArray())
            addEvent(events, each);
    } else {
        addEvent(events, content);
    }
    return events;
}

} // namespace qd::celery
