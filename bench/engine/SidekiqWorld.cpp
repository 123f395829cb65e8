#include "SidekiqWorld.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qd::bench {

namespace {

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

QString jid(int a, int b)
{
    return u"%1%2"_s.arg(a, 12, 16, QLatin1Char('0')).arg(b, 12, 16, QLatin1Char('0'));
}

// A job as Sidekiq 6.4's client writes it, in its member order.
QByteArray job(const QString& queue, int a, int b, bool enqueued)
{
    QJsonObject o {{u"retry"_s, true}, {u"queue"_s, queue}, {u"class"_s, u"ReportJob"_s},
        {u"args"_s, QJsonArray {a, u"account-%1"_s.arg(b), true}}, {u"jid"_s, jid(a, b)},
        {u"created_at"_s, nowSeconds() - 60}};
    if (enqueued)
        o.insert(u"enqueued_at"_s, nowSeconds() - 30 - a);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray failed(const QString& queue, int a, int b)
{
    QJsonObject o = QJsonDocument::fromJson(job(queue, a, b, true)).object();
    o.insert(u"error_message"_s, u"undefined method `total' for nil:NilClass"_s);
    o.insert(u"error_class"_s, u"NoMethodError"_s);
    o.insert(u"failed_at"_s, nowSeconds() - 20);
    o.insert(u"retry_count"_s, 3);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void check(const QList<redis::Reply>& replies, const QString& endpoint)
{
    for (const redis::Reply& reply : replies)
        if (reply.isError())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, u"seed"_s,
                endpoint, u"seeding failed: "_s + reply.toString());
}

} // namespace

QString SidekiqWorld::queueName(int index)
{
    return u"queue%1"_s.arg(index, 3, 10, QLatin1Char('0'));
}

QString SidekiqWorld::identity(int index)
{
    return u"worker-%1:%2:%3"_s.arg(index, 3, 10, QLatin1Char('0'))
        .arg(1000 + index)
        .arg(index, 12, 16, QLatin1Char('0'));
}

void SidekiqWorld::seed(const QString& endpoint) const
{
    redis::ClientTarget target;
    target.name = u"seed"_s;
    target.addresses = {endpoint};
    const auto client = redis::RedisClient::create(target, std::chrono::seconds(30));
    const QByteArray p = ns.isEmpty() ? QByteArray() : ns.toUtf8() + ':';
    const double now = nowSeconds();
    QList<redis::Command> commands {redis::Command {"FLUSHDB"},
        redis::Command {"SET", p + "stat:processed", "123456"},
        redis::Command {"SET", p + "stat:failed", "789"}};
    for (int q = 0; q < queues; ++q) {
        const QString name = queueName(q);
        commands.append(redis::Command {"SADD", p + "queues", name.toUtf8()});
        redis::Command push {"LPUSH", p + "queue:" + name.toUtf8()};
        for (qint64 n = 0; n < jobsIn(q); ++n)
            push.arg(job(name, q, int(n), true));
        commands.append(push);
    }
    redis::Command schedule {"ZADD", p + "schedule"};
    redis::Command retry {"ZADD", p + "retry"};
    redis::Command dead {"ZADD", p + "dead"};
    for (int n = 0; n < 100; ++n) {
        const QString queue = queueName(n % qMax(1, queues));
        schedule.arg(QByteArray::number(now + 3600 + n, 'f', 3)).arg(job(queue, 1000, n, false));
        retry.arg(QByteArray::number(now + 600 + n, 'f', 3)).arg(failed(queue, 2000, n));
        dead.arg(QByteArray::number(now - n, 'f', 3)).arg(failed(queue, 3000, n));
    }
    commands << schedule << retry << dead;
    for (int i = 0; i < processes; ++i) {
        const QByteArray id = identity(i).toUtf8();
        QJsonArray processQueues;
        for (int q = 0; q < qMin(queues, 4); ++q)
            processQueues.append(queueName((i + q) % queues));
        if (processQueues.isEmpty())
            processQueues.append(u"default"_s);
        const QByteArray info = QJsonDocument(
            QJsonObject {{u"hostname"_s, u"worker-%1"_s.arg(i, 3, 10, QLatin1Char('0'))},
                {u"started_at"_s, now - 3600}, {u"pid"_s, 1000 + i}, {u"tag"_s, u"app"_s},
                {u"concurrency"_s, 10}, {u"queues"_s, processQueues}, {u"labels"_s, QJsonArray {}},
                {u"identity"_s, QString::fromUtf8(id)}})
                                    .toJson(QJsonDocument::Compact);
        commands.append(redis::Command {"SADD", p + "processes", id});
        commands.append(redis::Command {"HSET", p + id, "info", info, "busy",
            QByteArray::number(running), "beat", QByteArray::number(now, 'f', 6), "quiet", "false",
            "rss", "123456", "rtt_us", "150"});
        commands.append(redis::Command {"EXPIRE", p + id, QByteArray::number(kHeartbeatSeconds)});
        if (running > 0) {
            redis::Command work {"HSET", p + id + ":workers"};
            for (int r = 0; r < running; ++r) {
                const QString queue = processQueues.at(r % processQueues.size()).toString();
                work.arg(QByteArray::number(i * 100 + r, 36))
                    .arg(QJsonDocument(
                        QJsonObject {{u"queue"_s, queue},
                            {u"payload"_s, QString::fromUtf8(job(queue, 4000 + i, r, true))},
                            {u"run_at"_s, qint64(now) - r}})
                             .toJson(QJsonDocument::Compact));
            }
            commands.append(work);
            commands.append(redis::Command {
                "EXPIRE", p + id + ":workers", QByteArray::number(kHeartbeatSeconds)});
        }
    }
    check(client->pipeline(commands), endpoint);
}

} // namespace qd::bench
