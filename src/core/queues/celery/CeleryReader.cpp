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

QList<QByteArray> queueLists(const QString& queue, QByteArrayView prefix)
{
    const QByteArray name = prefix.toByteArray() + queue.toUtf8();
    QList<QByteArray> lists {name};
    for (int step = 1; step < priorityStepCount; ++step)
        lists.append(name + separator.toByteArray() + QByteArray::number(priorityStepsList[step]));
    return lists;
}

QByteArray globEscaped(QByteArrayView text)
{
    QByteArray escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            escaped.append('\\');
        escaped.append(c);
    }
    return escaped;
}

QByteArray bindingMatch(QByteArrayView prefix)
{
    return globEscaped(prefix) + bindingPattern.toByteArray();
}

QString queueOfBinding(QByteArrayView bindingKey, QByteArrayView member, QByteArrayView prefix)
{
    const QByteArrayView fixed = bindingPattern.first(bindingPattern.size() - 1);
    if (!bindingKey.startsWith(prefix) || !bindingKey.sliced(prefix.size()).startsWith(fixed))
        return {};
    const qsizetype head = prefix.size() + fixed.size();
    const QByteArrayView exchange = bindingKey.sliced(head);
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

QByteArray eventPattern(int db, QByteArrayView prefix)
{
    return globEscaped(prefix) + "/" + QByteArray::number(db) + ".celeryev/*";
}

QList<Command> pollCommands(const QStringList& queues, double overdueBefore, QByteArrayView prefix)
{
    QList<Command> commands;
    commands.reserve(queues.size() * priorityStepCount + tailCommands);
    for (const QString& queue : queues) {
        for (const QByteArray& list : queueLists(queue, prefix))
            commands.append(Command {"LLEN", list});
    }
    const QByteArray unacked = prefix.toByteArray() + unackedKey.toByteArray();
    const QByteArray unackedIndex = prefix.toByteArray() + unackedIndexKey.toByteArray();
    commands.append(Command {"HLEN", unacked});
    commands.append(Command {"ZRANGE", unackedIndex, "0", "0", "WITHSCORES"});
    commands.append(
        Command {"ZCOUNT", unackedIndex, "-inf", "(" + QByteArray::number(overdueBefore, 'f', 3)});
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
