#include "EngineWorld.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qd::bench {

namespace {

QByteArray job(const QString& id, const QString& priority, int retries)
{
    return QJsonDocument(
        QJsonObject {{u"id"_s, id}, {u"filepath"_s, QString(u"/data/"_s + id)},
            {u"filesize"_s, 4096}, {u"priority"_s, priority}, {u"retries"_s, retries},
            {u"creation_time"_s, u"2026-11-29T06:00:00Z"_s}, {u"trace_id"_s, QString(u"t-"_s + id)},
            {u"span_id"_s, QString(u"s-"_s + id)}})
        .toJson(QJsonDocument::Compact);
}

void check(const QList<redis::Reply>& replies, const QString& endpoint)
{
    for (const redis::Reply& reply : replies) {
        if (reply.isError())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, u"seed"_s,
                endpoint, u"seeding failed: "_s + reply.toString());
    }
}

} // namespace

QString EngineWorld::queueName(int index)
{
    return u"q%1"_s.arg(index, 3, 10, QLatin1Char('0'));
}

QString EngineWorld::workerId(int index)
{
    return u"bench-worker-%1"_s.arg(index, 3, 10, QLatin1Char('0'));
}

QueueSystemConfig EngineWorld::queueSystem() const
{
    QueueSystemConfig qs;
    qs.queues.clear();
    for (int i = 0; i < queues; ++i)
        qs.queues.append(QueueKey {queueName(i), u"jobqueue:"_s + queueName(i)});
    qs.heartbeatTtl = std::chrono::seconds(kHeartbeatSeconds);
    return qs;
}

ClusterConfig EngineWorld::cluster(int index, const QString& endpoint) const
{
    ClusterConfig c;
    c.name = u"c%1"_s.arg(index + 1, 2, 10, QLatin1Char('0'));
    c.label = u"Bench %1"_s.arg(index + 1);
    c.color = u"green"_s;
    c.endpoint = endpoint;
    c.queueSystem = queueSystem();
    return c;
}

Config EngineWorld::config(const QStringList& endpoints, Millis interval) const
{
    Config config;
    for (qsizetype i = 0; i < endpoints.size(); ++i)
        config.clusters.append(cluster(static_cast<int>(i), endpoints[i]));
    config.polling.interval = interval;
    config.polling.jitter = std::min(interval / 10, Millis(1000));
    config.polling.timeout = std::min(interval, Millis(3000));
    return config;
}

void EngineWorld::seed(const QString& endpoint) const
{
    ClusterConfig target = cluster(0, endpoint);
    const auto client = redis::RedisClient::create(target, std::chrono::seconds(30));
    const QueueSystemConfig qs = queueSystem();
    // FLUSHDB, not FLUSHALL: the remote bench puts many clusters on one server, one database each.
    QList<redis::Command> commands {redis::Command {"FLUSHDB"}};
    for (int q = 0; q < queues; ++q) {
        redis::Command push {"LPUSH", qs.queues[q].key.toUtf8()};
        for (qint64 n = 0; n < jobsIn(q); ++n)
            push.arg(job(u"%1-%2"_s.arg(queueName(q)).arg(n), queueName(q), 0));
        commands.append(push);
    }
    for (int w = 0; w < workers; ++w) {
        const QString id = workerId(w);
        commands.append(redis::Command {"LPUSH", qs.processingKey(id).toUtf8(),
            job(u"busy-"_s + id, queueName(w % queues), 0)});
        commands.append(redis::Command {"SET", qs.heartbeatKey(id).toUtf8(),
            job(u"busy-"_s + id, queueName(w % queues), 0), "EX",
            QByteArray::number(kHeartbeatSeconds)});
    }
    redis::Command completed {"LPUSH", qs.completedKey.toUtf8()};
    redis::Command dead {"LPUSH", qs.deadLetterKey.toUtf8()};
    for (int n = 0; n < 500; ++n)
        completed.arg(job(u"done-%1"_s.arg(n), queueName(n % queues), 0));
    for (int n = 0; n < 20; ++n)
        dead.arg(job(u"dead-%1"_s.arg(n), queueName(n % queues), qs.maxRetries));
    commands << completed << dead;
    check(client->pipeline(commands), endpoint);
}

} // namespace qd::bench
