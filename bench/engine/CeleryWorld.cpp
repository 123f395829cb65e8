#include "CeleryWorld.h"

#include "core/redis/CallStats.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QUuid>

#include <map>

using namespace Qt::StringLiterals;

namespace qd::bench {

namespace {

// kombu's Redis transport (transport/redis.py): the separator of priority lists and bindings,
// and Celery's default visibility timeout, past which a delivered message is restored.
const QByteArray kSep = QByteArrayLiteral("\x06\x16");
constexpr int kSteps[] {0, 3, 6, 9};
constexpr double kVisibilitySeconds = 3600;
// A prefork worker's task-event buffer (EventDispatcher's buffer_limit).
constexpr int kBufferLimit = 24;

[[noreturn]] void failSeed(const QString& endpoint, const QString& why)
{
    throw redis::ConnectionError(
        redis::ConnectionError::Kind::Protocol, u"seed"_s, endpoint, u"seeding failed: "_s + why);
}

QByteArray newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QByteArray quoted(const QByteArray& text)
{
    return '"' + text + '"';
}

// A JSON object as Python's json.dumps() writes it (", " and ": " separators, insertion order);
// values are given already encoded.
QByteArray pyObject(const QList<std::pair<QByteArray, QByteArray>>& fields)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += quoted(fields[i].first) + ": " + fields[i].second;
    }
    return out + '}';
}

QByteArray unixSeconds(double seconds)
{
    return QByteArray::number(seconds, 'f', 6);
}

double nowSeconds()
{
    return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

// A task message as Celery's send_task() hands it to kombu (task protocol 2) and kombu's
// Redis channel stores it: JSON body in base64, the delivery tag in the properties.
QByteArray taskMessage(const QByteArray& queue, int step, int n, const QByteArray& eta)
{
    const QByteArray id = newId();
    const QByteArray body = "[[" + QByteArray::number(n)
        + "], {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]";
    const QByteArray headers
        = pyObject({{"lang", quoted("py")}, {"task", quoted("reports.send")}, {"id", quoted(id)},
            {"shadow", "null"}, {"eta", eta.isEmpty() ? QByteArray("null") : quoted(eta)},
            {"expires", "null"}, {"group", "null"}, {"group_index", "null"}, {"retries", "0"},
            {"timelimit", "[null, null]"}, {"root_id", quoted(id)}, {"parent_id", "null"},
            {"argsrepr", quoted("(" + QByteArray::number(n) + ",)")}, {"kwargsrepr", quoted("{}")},
            {"origin", quoted("gen2817@web-01")}, {"ignore_result", "false"}});
    const QByteArray properties = pyObject(
        {{"correlation_id", quoted(id)}, {"reply_to", quoted(newId())}, {"delivery_mode", "2"},
            {"delivery_info", pyObject({{"exchange", quoted("")}, {"routing_key", quoted(queue)}})},
            {"priority", QByteArray::number(step)}, {"body_encoding", quoted("base64")},
            {"delivery_tag", quoted(newId())}});
    return pyObject({{"body", quoted(body.toBase64())}, {"content-encoding", quoted("utf-8")},
        {"content-type", quoted("application/json")}, {"headers", headers},
        {"properties", properties}});
}

// The common fields Celery's EventDispatcher puts in every event it sends.
QList<std::pair<QByteArray, QByteArray>> eventHead(
    const QByteArray& hostname, int pid, qint64 clock)
{
    return {{"hostname", quoted(hostname)}, {"utcoffset", "0"}, {"pid", QByteArray::number(pid)},
        {"clock", QByteArray::number(clock)}};
}

} // namespace

QString CeleryWorld::queueName(int index)
{
    return index == 0 ? u"celery"_s : u"tasks-%1"_s.arg(index, 2, 10, QLatin1Char('0'));
}

QString CeleryWorld::hostname(int worker)
{
    return u"celery@worker-%1"_s.arg(worker, 2, 10, QLatin1Char('0'));
}

qint64 CeleryWorld::waitingIn(int index, int step)
{
    // Most messages at the default priority; higher steps on some queues only.
    switch (step) {
    case 0:
        return 10 + 7 * (index % 6);
    case 3:
        return index % 2 == 0 ? 4 : 0;
    case 6:
        return index % 3 == 0 ? 2 : 0;
    default:
        return index % 5 == 0 ? 1 : 0;
    }
}

void CeleryWorld::seed(const QString& endpoint) const
{
    redis::ClientTarget target;
    target.name = u"seed"_s;
    target.addresses = {endpoint};
    const auto client = redis::RedisClient::create(target, std::chrono::seconds(30));
    const double now = nowSeconds();
    QList<redis::Command> commands {redis::Command {"FLUSHDB"}};
    int n = 0;
    for (int q = 0; q < queues; ++q) {
        const QByteArray name = queueName(q).toUtf8();
        commands.append(
            redis::Command {"SADD", "_kombu.binding." + name, name + kSep + kSep + name});
        for (const int step : kSteps) {
            if (waitingIn(q, step) == 0)
                continue; // kombu's lists exist only while they hold a message
            const QByteArray list
                = step == 0 ? name : QByteArray(name + kSep + QByteArray::number(step));
            redis::Command push {"LPUSH", list};
            for (qint64 i = 0; i < waitingIn(q, step); ++i)
                push.arg(taskMessage(name, step, ++n, {}));
            commands.append(push);
        }
    }
    const QByteArray stale = staleQueue().toUtf8();
    commands.append(
        redis::Command {"SADD", "_kombu.binding." + stale, stale + kSep + kSep + stale});

    // Prefetched messages (kombu's QoS.append): the raw message with its exchange and routing
    // key under the delivery tag, the tag scored with the delivery time.
    redis::Command unacked {"HSET", "unacked"};
    redis::Command index {"ZADD", "unacked_index"};
    const auto deliver = [&](const QByteArray& queue, double at, const QByteArray& eta) {
        const QByteArray tag = newId();
        unacked.arg(tag).arg(
            QByteArray("[" + taskMessage(queue, 0, ++n, eta) + ", \"\", " + quoted(queue) + "]"));
        index.arg(unixSeconds(at)).arg(tag);
    };
    for (int w = 0; w < workers; ++w) {
        const QByteArray queue = queueName(w % queues).toUtf8();
        for (int i = 0; i < prefetched; ++i)
            deliver(queue, now - 0.5 * (i + 1), {});
    }
    // An ETA task held by a worker that died: older than the visibility timeout, kombu will
    // give it back to its queue.
    deliver(queueName(0).toUtf8(), now - kVisibilitySeconds - 400,
        QDateTime::fromMSecsSinceEpoch(qint64(now * 1000) - 3000000, Qt::UTC)
            .toString(u"yyyy-MM-ddTHH:mm:ss.zzz000+00:00"_s)
            .toLatin1());
    commands << unacked << index;

    // Celery's own plumbing, bound like task queues: each worker's remote-control queue and
    // event receiver (gossip), and the reply queue of one `celery inspect` caller.
    redis::Command pidbox {"SADD", "_kombu.binding.celery.pidbox"};
    redis::Command events {"SADD", "_kombu.binding.celeryev"};
    for (int w = 0; w < workers; ++w) {
        pidbox.arg(QByteArray(kSep + kSep + hostname(w).toUtf8() + ".celery.pidbox"));
        events.arg(QByteArray("worker.#" + kSep + kSep + "celeryev." + newId()));
    }
    const QByteArray reply = newId();
    commands << pidbox << events
             << redis::Command {
                    "SADD", "_kombu.binding.reply.celery.pidbox", reply + kSep + kSep + reply};

    for (const redis::Reply& r : client->pipeline(commands))
        if (r.isError())
            failSeed(endpoint, r.toString());
}

CeleryEvents::Sent& CeleryEvents::Sent::operator+=(const Sent& other)
{
    messages += other.messages;
    events += other.events;
    tasks += other.tasks;
    failed += other.failed;
    bytesSent += other.bytesSent;
    bytesReceived += other.bytesReceived;
    delivered += other.delivered;
    return *this;
}

CeleryEvents::CeleryEvents(const QString& endpoint, const CeleryWorld& world, int db)
    : m_world(world), m_db(db)
{
    redis::ClientTarget target;
    target.name = u"celery-events"_s;
    target.addresses = {endpoint};
    target.db = db;
    m_client = redis::RedisClient::create(target, std::chrono::seconds(10));
}

CeleryEvents::~CeleryEvents() = default;

CeleryEvents::Sent CeleryEvents::heartbeats()
{
    QList<std::pair<QByteArray, QByteArray>> messages;
    const double now = nowSeconds();
    for (int w = 0; w < m_world.workers; ++w) {
        auto fields = eventHead(m_world.hostname(w).toUtf8(), 4200 + w, ++m_clock);
        fields << std::pair<QByteArray, QByteArray> {"freq", "2.0"}
               << std::pair<QByteArray, QByteArray> {"active", QByteArray::number(1 + w % 3)}
               << std::pair<QByteArray, QByteArray> {"processed",
                      QByteArray::number(1000 + 97 * w + m_taskCount / m_world.workers)}
               << std::pair<QByteArray, QByteArray> {"loadavg", "[0.52, 0.41, 0.33]"}
               << std::pair<QByteArray, QByteArray> {"sw_ident", quoted("py-celery")}
               << std::pair<QByteArray, QByteArray> {"sw_ver", quoted("5.2.6")}
               << std::pair<QByteArray, QByteArray> {"sw_sys", quoted("Linux")}
               << std::pair<QByteArray, QByteArray> {"timestamp", unixSeconds(now)}
               << std::pair<QByteArray, QByteArray> {"type", quoted("worker-heartbeat")};
        messages.append({QByteArrayLiteral("worker.heartbeat"), pyObject(fields)});
    }
    return publish(messages);
}

CeleryEvents::Sent CeleryEvents::tasks(int count)
{
    const double now = nowSeconds();
    // Per worker, its events in the order it sends them.
    std::map<int, QList<QByteArray>> byWorker;
    qint64 failed = 0;
    for (int t = 0; t < count; ++t) {
        const int w = static_cast<int>(m_taskCount % m_world.workers);
        const QByteArray host = m_world.hostname(w).toUtf8();
        const int pid = 4200 + w;
        const QByteArray uuid = quoted(newId());
        const QByteArray n = QByteArray::number(m_taskCount % 1000);
        const bool fails = m_taskCount % 10 == 9;
        ++m_taskCount;
        QList<QByteArray>& events = byWorker[w];
        auto received = eventHead(host, pid, ++m_clock);
        received << std::pair<QByteArray, QByteArray> {"uuid", uuid}
                 << std::pair<QByteArray, QByteArray> {"name", quoted("reports.send")}
                 << std::pair<QByteArray, QByteArray> {"args", quoted("(" + n + ",)")}
                 << std::pair<QByteArray, QByteArray> {"kwargs", quoted("{}")}
                 << std::pair<QByteArray, QByteArray> {"root_id", uuid}
                 << std::pair<QByteArray, QByteArray> {"parent_id", "null"}
                 << std::pair<QByteArray, QByteArray> {"retries", "0"}
                 << std::pair<QByteArray, QByteArray> {"eta", "null"}
                 << std::pair<QByteArray, QByteArray> {"expires", "null"}
                 << std::pair<QByteArray, QByteArray> {"timestamp", unixSeconds(now - 0.02)}
                 << std::pair<QByteArray, QByteArray> {"type", quoted("task-received")};
        events.append(pyObject(received));
        auto started = eventHead(host, pid, ++m_clock);
        started << std::pair<QByteArray, QByteArray> {"uuid", uuid}
                << std::pair<QByteArray, QByteArray> {"timestamp", unixSeconds(now - 0.015)}
                << std::pair<QByteArray, QByteArray> {"type", quoted("task-started")};
        events.append(pyObject(started));
        auto done = eventHead(host, pid, ++m_clock);
        done << std::pair<QByteArray, QByteArray> {"uuid", uuid};
        if (fails) {
            ++failed;
            done << std::pair<QByteArray, QByteArray> {"exception",
                quoted("ConnectionRefusedError(111, 'Connection refused')")}
                 << std::pair<QByteArray, QByteArray> {"traceback",
                        quoted("Traceback (most recent call last):\\n  File "
                               "\\\"/usr/lib/python3/dist-packages/celery/app/trace.py\\\", "
                               "line 451, in trace_task\\n    R = retval = fun(*args, "
                               "**kwargs)\\nConnectionRefusedError: [Errno 111] Connection "
                               "refused\\n")}
                 << std::pair<QByteArray, QByteArray> {"timestamp", unixSeconds(now)}
                 << std::pair<QByteArray, QByteArray> {"type", quoted("task-failed")};
        } else {
            done << std::pair<QByteArray, QByteArray> {"result", quoted("'sent'")}
                 << std::pair<QByteArray, QByteArray> {"runtime", "0.012731"}
                 << std::pair<QByteArray, QByteArray> {"timestamp", unixSeconds(now)}
                 << std::pair<QByteArray, QByteArray> {"type", quoted("task-succeeded")};
        }
        events.append(pyObject(done));
    }
    QList<std::pair<QByteArray, QByteArray>> messages;
    qint64 eventCount = 0;
    for (const auto& worker : byWorker) {
        const QList<QByteArray>& events = worker.second;
        for (qsizetype at = 0; at < events.size(); at += kBufferLimit) {
            const QList<QByteArray> group = events.mid(at, kBufferLimit);
            messages.append(
                {QByteArrayLiteral("task.multi"), QByteArray("[" + group.join(", ") + "]")});
            eventCount += group.size();
        }
    }
    Sent sent = publish(messages);
    sent.tasks = count;
    sent.failed = failed;
    sent.events = eventCount;
    return sent;
}

CeleryEvents::Sent CeleryEvents::publish(const QList<std::pair<QByteArray, QByteArray>>& messages)
{
    Sent sent;
    if (messages.isEmpty())
        return sent;
    const QByteArray prefix = "/" + QByteArray::number(m_db) + ".celeryev/";
    const QByteArray pattern = prefix + '*';
    QList<redis::Command> commands;
    for (const auto& [routingKey, body] : messages) {
        // The worker's hostname from the event, as the dispatcher's headers carry it.
        const qsizetype h = body.indexOf("\"hostname\": \"") + 13;
        const QByteArray host = body.mid(h, body.indexOf('"', h) - h);
        const QByteArray envelope = pyObject({{"body", quoted(body.toBase64())},
            {"content-encoding", quoted("utf-8")}, {"content-type", quoted("application/json")},
            {"headers", pyObject({{"hostname", quoted(host)}})},
            {"properties",
                pyObject({{"delivery_mode", "1"},
                    {"delivery_info",
                        pyObject({{"exchange", quoted("celeryev")},
                            {"routing_key", quoted(routingKey)}})},
                    {"priority", "0"}, {"body_encoding", quoted("base64")},
                    {"delivery_tag", quoted(newId())}})}});
        const QByteArray channel = prefix + routingKey;
        commands.append(redis::Command {"PUBLISH", channel, envelope});
        const auto bulk = [](const QByteArray& s) {
            return 1 + QByteArray::number(s.size()).size() + 2 + s.size() + 2;
        };
        // *4 pmessage <pattern> <channel> <payload>
        sent.delivered += 4 + bulk("pmessage") + bulk(pattern) + bulk(channel) + bulk(envelope);
    }
    redis::CallStats stats;
    const QList<redis::Reply> replies = m_client->pipeline(commands, &stats);
    for (const redis::Reply& reply : replies)
        if (reply.isError())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, u"events"_s,
                u"publisher"_s, u"PUBLISH failed: "_s + reply.toString());
    sent.messages = commands.size();
    sent.events = commands.size();
    sent.bytesSent = stats.bytesSent;
    sent.bytesReceived = stats.bytesReceived;
    return sent;
}

} // namespace qd::bench
