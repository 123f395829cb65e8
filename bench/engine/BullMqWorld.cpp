#include "BullMqWorld.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/Endpoint.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace qd::bench {

namespace {

// Jobs per queue besides its waiting ones.
constexpr int kPrioritized = 2;
constexpr int kActive = 1;
constexpr int kDelayed = 2;
constexpr int kCompleted = 20; // as kept by a removeOnComplete of 20
constexpr int kFailed = 3;

[[noreturn]] void failSeed(const QString& endpoint, const QString& why)
{
    throw redis::ConnectionError(
        redis::ConnectionError::Kind::Protocol, u"seed"_s, endpoint, u"seeding failed: "_s + why);
}

// A job hash as BullMQ's addJob writes it, plus what the worker adds when it takes and
// finishes the job.
redis::Command jobHash(const QByteArray& key, int q, int n, qint64 now, const char* state)
{
    const QByteArray data = QJsonDocument(
        QJsonObject {{u"account"_s, u"account-%1"_s.arg(n)}, {u"queue"_s, q}, {u"items"_s, n % 7},
            {u"notify"_s,
                true}}).toJson(QJsonDocument::Compact);
    const QByteArray opts = QJsonDocument(
        QJsonObject {{u"attempts"_s, 2}, {u"delay"_s, 0},
            {u"removeOnComplete"_s,
                20}}).toJson(QJsonDocument::Compact);
    redis::Command hash {"HSET", key, "name", "send-report", "data", data, "opts", opts,
        "timestamp", QByteArray::number(now - 60000 - n), "delay", "0", "priority", "0"};
    const QByteArrayView taken(state);
    if (taken != "wait")
        hash.arg(QByteArrayLiteral("processedOn"))
            .arg(now - 30000)
            .arg(QByteArrayLiteral("ats"))
            .arg(QByteArrayLiteral("1"));
    if (taken == "completed")
        hash.arg(QByteArrayLiteral("finishedOn"))
            .arg(now - 1000 * n)
            .arg(QByteArrayLiteral("returnvalue"))
            .arg(QByteArrayLiteral("{\"sent\":true}"))
            .arg(QByteArrayLiteral("atm"))
            .arg(QByteArrayLiteral("1"));
    if (taken == "failed")
        hash.arg(QByteArrayLiteral("finishedOn"))
            .arg(now - 1000 * n)
            .arg(QByteArrayLiteral("failedReason"))
            .arg(QByteArrayLiteral("connect ECONNREFUSED 10.0.0.7:443"))
            .arg(QByteArrayLiteral("stacktrace"))
            .arg(QByteArrayLiteral("[\"Error: connect ECONNREFUSED 10.0.0.7:443\\n    at "
                                   "TCPConnectWrap.afterConnect [as oncomplete] "
                                   "(node:net:1555:16)\"]"))
            .arg(QByteArrayLiteral("atm"))
            .arg(QByteArrayLiteral("2"));
    return hash;
}

} // namespace

BullMqWorld::BullMqWorld() = default;
BullMqWorld::~BullMqWorld() = default;

QString BullMqWorld::queueName(int index)
{
    return u"queue%1"_s.arg(index, 3, 10, QLatin1Char('0'));
}

void BullMqWorld::seed(const QString& endpoint)
{
    redis::ClientTarget target;
    target.name = u"seed"_s;
    target.addresses = {endpoint};
    const auto client = redis::RedisClient::create(target, std::chrono::seconds(30));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<redis::Command> commands {redis::Command {"FLUSHDB"}};
    for (int q = 0; q < queues; ++q) {
        const QByteArray p = "bull:" + queueName(q).toUtf8() + ':';
        commands.append(redis::Command {
            "HSET", p + "meta", "opts.maxLenEvents", "10000", "version", "bullmq:6.7.6"});
        int id = 0;
        const auto next = [&](const char* state) {
            const QByteArray jobId = QByteArray::number(++id);
            commands.append(jobHash(p + jobId, q, id, now, state));
            return jobId;
        };
        redis::Command wait {"LPUSH", p + "wait"};
        for (qint64 n = 0; n < waitingIn(q); ++n)
            wait.arg(next("wait"));
        commands.append(wait);
        for (int n = 0; n < kPrioritized; ++n)
            commands.append(redis::Command {
                "ZADD", p + "prioritized", QByteArray::number((5LL << 32) + n), next("wait")});
        for (int n = 0; n < kActive; ++n)
            commands.append(redis::Command {"LPUSH", p + "active", next("active")});
        for (int n = 0; n < kDelayed; ++n)
            commands.append(redis::Command {"ZADD", p + "delayed",
                QByteArray::number((now + 3600000 + n) * 4096), next("wait")});
        for (int n = 0; n < kCompleted; ++n)
            commands.append(redis::Command {
                "ZADD", p + "completed", QByteArray::number(now - 1000 * n), next("completed")});
        for (int n = 0; n < kFailed; ++n)
            commands.append(redis::Command {
                "ZADD", p + "failed", QByteArray::number(now - 1000 * n), next("failed")});
        commands.append(redis::Command {"SET", p + "id", QByteArray::number(id)});
        commands.append(redis::Command {"SET", p + "pc", QByteArray::number(kPrioritized)});
        if (q % 2 == 0) {
            commands.append(redis::Command {"HSET", p + "metrics:completed", "count",
                QByteArray::number(1000 + q), "prevTS", QByteArray::number(now), "prevCount",
                QByteArray::number(990 + q)});
            commands.append(
                redis::Command {"HSET", p + "metrics:failed", "count", QByteArray::number(10 + q),
                    "prevTS", QByteArray::number(now), "prevCount", QByteArray::number(9 + q)});
        }
    }
    for (const redis::Reply& reply : client->pipeline(commands))
        if (reply.isError())
            failSeed(endpoint, reply.toString());

    // Worker connections, named as BullMQ 6 names a Worker's blocking connection.
    const std::optional<redis::Endpoint> address = redis::Endpoint::parse(endpoint);
    if (!address)
        failSeed(endpoint, u"not an endpoint"_s);
    m_connections.clear();
    for (int w = 0; w < workers; ++w) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(address->host, address->port);
        if (!socket->waitForConnected(5000))
            failSeed(endpoint, socket->errorString());
        const QByteArray name = "bull:" + queueName(w % qMax(1, queues)).toUtf8().toBase64()
            + ":w:worker-" + QByteArray::number(w);
        socket->write("*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$" + QByteArray::number(name.size())
            + "\r\n" + name + "\r\n");
        if (!socket->waitForReadyRead(5000) || !socket->readAll().startsWith("+OK"))
            failSeed(endpoint, u"CLIENT SETNAME failed"_s);
        m_connections.push_back(std::move(socket));
    }
}

} // namespace qd::bench
