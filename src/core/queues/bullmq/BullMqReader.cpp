#include "core/queues/bullmq/BullMqReader.h"

#include "core/redis/Script.h"

namespace qd::bullmq {

using redis::Command;
using redis::Reply;

namespace {

// Per queue, in this order; pollCommands and readPoll must agree.
constexpr int commandsPerQueue = 14;

// The enqueue time of the job at the tail of the wait list (BullMQ pushes new jobs on the
// left), or nil. Reads only; the flag makes Redis refuse any write it might attempt.
// Sent as EVALSHA, once per queue and poll (redis::Script).
const redis::Script& oldestWaitingScript()
{
    static const redis::Script script(
        QByteArrayLiteral("#!lua flags=no-writes\n"
                          "local id = redis.call('LINDEX', KEYS[1], -1)\n"
                          "if not id then return false end\n"
                          "return redis.call('HGET', ARGV[1] .. id, 'timestamp')\n"));
    return script;
}

QString field(const QByteArray& line, QByteArrayView name)
{
    for (const QByteArray& part : line.split(' ')) {
        const qsizetype eq = part.indexOf('=');
        if (eq > 0 && QByteArrayView(part).first(eq) == name)
            return QString::fromUtf8(part.mid(eq + 1));
    }
    return {};
}

} // namespace

QByteArray Keys::key(const QString& queue, QStringView suffix) const
{
    return (m_prefix + u':' + queue + u':' + suffix).toUtf8();
}

QByteArray Keys::discoveryPattern() const
{
    // A glob: escape what the prefix could hold of glob syntax (a {hash tag} has none).
    QString escaped;
    for (QChar c : m_prefix) {
        if (c == u'*' || c == u'?' || c == u'[' || c == u']' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return (escaped + QStringLiteral(":*:[mi][ed]*")).toUtf8();
}

QString Keys::queueOfDiscoveryKey(const QString& key) const
{
    const QString head = m_prefix + u':';
    if (!key.startsWith(head))
        return {};
    qsizetype tail = 0;
    if (key.endsWith(QStringLiteral(":meta")))
        tail = 5;
    else if (key.endsWith(QStringLiteral(":id")))
        tail = 3;
    if (tail == 0 || key.size() <= head.size() + tail)
        return {};
    const QString queue = key.sliced(head.size(), key.size() - head.size() - tail);
    // A queue name cannot contain ':'; a longer match is a job hash or another queue's key.
    return queue.contains(u':') ? QString() : queue;
}

bool Keys::singleSlot(const QString& queue) const
{
    const QString head = m_prefix + u':' + queue + u':';
    const qsizetype open = head.indexOf(u'{');
    if (open < 0)
        return false;
    const qsizetype close = head.indexOf(u'}', open + 1);
    return close > open + 1;
}

QString Keys::connectionName(const QString& queue) const
{
    return m_prefix + u':' + QString::fromLatin1(queue.toUtf8().toBase64());
}

QList<Command> pollCommands(const Keys& keys, const QStringList& queues, qint64 windowStartMs)
{
    QList<Command> commands;
    commands.reserve(queues.size() * commandsPerQueue + 1);
    const QByteArray since = QByteArray::number(windowStartMs);
    for (const QString& q : queues) {
        commands.append(Command {"LLEN", keys.key(q, u"wait")});
        commands.append(Command {"ZCARD", keys.key(q, u"prioritized")});
        commands.append(Command {"LLEN", keys.key(q, u"active")});
        commands.append(Command {"ZCARD", keys.key(q, u"delayed")});
        commands.append(Command {"ZCARD", keys.key(q, u"completed")});
        commands.append(Command {"ZCARD", keys.key(q, u"failed")});
        commands.append(Command {"ZCARD", keys.key(q, u"waiting-children")});
        // isPaused() is the existence of the field, whatever its value.
        commands.append(Command {"HEXISTS", keys.key(q, u"meta"), "paused"});
        commands.append(Command {"ZCOUNT", keys.key(q, u"completed"), since, "+inf"});
        commands.append(Command {"ZCOUNT", keys.key(q, u"failed"), since, "+inf"});
        commands.append(Command {"HGET", keys.key(q, u"metrics:completed"), "count"});
        commands.append(Command {"HGET", keys.key(q, u"metrics:failed"), "count"});
        commands.append(Command {"GET", keys.key(q, u"id")});
        commands.append(oldestWaitingScript()
                            .call(1)
                            .arg(keys.key(q, u"wait"))
                            .arg((keys.prefix() + u':' + q + u':').toUtf8())
                            .routeBy(keys.key(q, u"wait")));
    }
    commands.append(Command {"CLIENT", "LIST"});
    return commands;
}

PollReading readPoll(const Keys& keys, const QStringList& queues, const QList<Reply>& replies)
{
    PollReading reading;
    if (replies.size() != queues.size() * commandsPerQueue + 1) {
        reading.error = QStringLiteral("expected %1 replies, got %2")
                            .arg(queues.size() * commandsPerQueue + 1)
                            .arg(replies.size());
        return reading;
    }
    for (qsizetype i = 0; i + 1 < replies.size(); ++i) {
        // The oldest-job script is an extra: a Redis that refuses it (before 7.0 the no-writes
        // flag is a syntax error; EVAL may be denied by ACL) leaves the age unknown.
        if (replies[i].isError() && i % commandsPerQueue != commandsPerQueue - 1) {
            reading.error = replies[i].toString();
            return reading;
        }
    }
    for (qsizetype q = 0; q < queues.size(); ++q) {
        const Reply* r = replies.constData() + q * commandsPerQueue;
        QueueCounts& counts = reading.queues.emplace_back();
        counts.name = queues[q];
        counts.waiting = r[0].toInteger();
        counts.prioritized = r[1].toInteger();
        counts.active = r[2].toInteger();
        counts.delayed = r[3].toInteger();
        counts.completed = r[4].toInteger();
        counts.failed = r[5].toInteger();
        counts.waitingChildren = r[6].toInteger();
        counts.paused = r[7].toInteger() == 1;
        counts.completedRecently = r[8].toInteger();
        counts.failedRecently = r[9].toInteger();
        const auto number = [](const Reply& reply) -> std::optional<qint64> {
            bool ok = false;
            const qint64 value = reply.toByteArray().toLongLong(&ok);
            return reply.isString() && ok ? std::optional<qint64>(value) : std::nullopt;
        };
        counts.metricsCompleted = number(r[10]);
        counts.metricsFailed = number(r[11]);
        counts.lastId = number(r[12]);
        bool ok = false;
        const qint64 enqueued = r[13].toByteArray().toLongLong(&ok);
        if (r[13].isString() && ok)
            counts.oldestWaiting = QDateTime::fromMSecsSinceEpoch(enqueued, Qt::UTC);
    }
    const Reply& clients = replies.last();
    reading.workersKnown = clients.isString();
    if (reading.workersKnown)
        reading.workers = workerConnections(keys, clients.toByteArray());
    return reading;
}

QList<WorkerConnection> workerConnections(const Keys& keys, const QByteArray& clientList)
{
    QList<WorkerConnection> workers;
    const QString head = keys.prefix() + u':';
    for (const QByteArray& line : clientList.split('\n')) {
        const QString name = field(line.trimmed(), "name");
        if (!name.startsWith(head))
            continue;
        QString rest = name.sliced(head.size());
        QString workerName;
        const qsizetype w = rest.indexOf(QStringLiteral(":w:"));
        if (w >= 0) {
            workerName = rest.sliced(w + 3);
            rest.truncate(w);
        }
        // Queue names are base64, which has no ':'; QueueEvents connections end in ":qe".
        if (rest.contains(u':'))
            continue;
        const auto decoded = QByteArray::fromBase64Encoding(
            rest.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty())
            continue;
        WorkerConnection& worker = workers.emplace_back();
        worker.connectionName = name;
        worker.queue = QString::fromUtf8(decoded.decoded);
        worker.workerName = workerName;
        worker.address = field(line, "addr");
        worker.ageSeconds = field(line, "age").toLongLong();
        worker.idleSeconds = field(line, "idle").toLongLong();
    }
    return workers;
}

} // namespace qd::bullmq
