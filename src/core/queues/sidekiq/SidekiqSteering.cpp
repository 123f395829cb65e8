#include "core/queues/sidekiq/SidekiqSteering.h"

#include "core/queues/sidekiq/SidekiqJob.h"
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/queues/sidekiq/SidekiqReading.h"
#include "core/redis/Command.h"
#include "core/redis/RedisClient.h"
#include "core/redis/Reply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace qd::sidekiq {

using redis::Command;
using redis::Reply;

namespace {

// KEYS[1] the set, KEYS[2] `queues`, KEYS[3..] the queue lists. ARGV: groups of four: exact
// stored string, queue name, index of its list in KEYS, the job to push.
const QByteArray kRequeue = QByteArrayLiteral(R"lua(
local moved, gone = 0, 0
for i = 1, #ARGV, 4 do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
    redis.call('SADD', KEYS[2], ARGV[i + 1])
    redis.call('LPUSH', KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3])
    moved = moved + 1
  else
    gone = gone + 1
  end
end
return {moved, gone}
)lua");

const QByteArray kPurge = QByteArrayLiteral(
    "local n = redis.call('ZCARD', KEYS[1]) redis.call('UNLINK', KEYS[1]) return n");

const QByteArray kClear
    = QByteArrayLiteral("local n = redis.call('LLEN', KEYS[1]) redis.call('UNLINK', KEYS[1]) "
                        "redis.call('SREM', KEYS[2], ARGV[1]) return n");

// KEYS: processes, the heartbeat hash, the signals list. -1: not a member, -2: hash expired.
const QByteArray kSignal = QByteArrayLiteral(R"lua(
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[2], 'info') == 0 then return -2 end
redis.call('LPUSH', KEYS[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], 60)
return 1
)lua");

const Reply& checked(const Reply& reply, const QByteArray& key)
{
    if (reply.isError())
        throw DataError(QString::fromUtf8(key), reply.toString());
    return reply;
}

} // namespace

QByteArray jobSetName(JobSet set)
{
    switch (set) {
    case JobSet::Dead:
        return QByteArrayLiteral("dead");
    case JobSet::Retry:
        return QByteArrayLiteral("retry");
    case JobSet::Schedule:
        return QByteArrayLiteral("schedule");
    }
    return {};
}

std::optional<JobSet> jobSetFromName(QStringView name)
{
    for (JobSet set : {JobSet::Dead, JobSet::Retry, JobSet::Schedule})
        if (name == QLatin1String(jobSetName(set)))
            return set;
    return std::nullopt;
}

SidekiqSteering::SidekiqSteering(redis::RedisClient& client, const QString& ns)
    : m_client(client), m_prefix(SidekiqReader::keyPrefix(ns))
{
}

qint64 SidekiqSteering::size(JobSet set) const
{
    const QByteArray k = key(jobSetName(set));
    return checked(m_client.command(Command {"ZCARD", k}), k).toInteger();
}

QList<SetEntry> SidekiqSteering::range(
    JobSet set, qint64 start, qint64 count, bool newestFirst) const
{
    const QByteArray k = key(jobSetName(set));
    if (count <= 0)
        return {};
    const Reply reply = checked(
        m_client.command(Command {newestFirst ? "ZREVRANGE" : "ZRANGE", k,
            QByteArray::number(start), QByteArray::number(start + count - 1), "WITHSCORES"}),
        k);
    QList<SetEntry> entries;
    for (qsizetype i = 0; i + 1 < reply.size(); i += 2) {
        SetEntry entry;
        entry.raw = reply.at(i).toByteArray();
        entry.score = reply.at(i + 1).toByteArray().toDouble();
        const QJsonObject job = QJsonDocument::fromJson(entry.raw).object();
        entry.jid = job.value(QStringLiteral("jid")).toString();
        entry.queue = job.value(QStringLiteral("queue")).toString();
        entries << entry;
    }
    return entries;
}

SidekiqSteering::Requeued SidekiqSteering::requeue(JobSet set, const QList<SetEntry>& entries,
    double nowEpochSeconds, const QString& destination) const
{
    const QByteArray setKey = key(jobSetName(set));
    Command script {"EVAL", kRequeue, "", setKey, key("queues")};
    QMap<QString, int> keyIndex; // queue -> its index in KEYS
    QList<QByteArray> argv;
    const QByteArray destinationText = destination.isEmpty()
        ? QByteArray()
        : QJsonDocument(QJsonArray {destination}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    for (const SetEntry& entry : entries) {
        QByteArray job = job::forRequeue(entry.raw, nowEpochSeconds);
        const QString queue = destination.isEmpty() ? entry.queue : destination;
        if (!destination.isEmpty())
            job = job::withMember(job, "queue", destinationText);
        if (queue.isEmpty() || job.isEmpty())
            continue;
        auto index = keyIndex.find(queue);
        if (index == keyIndex.end()) {
            index = keyIndex.insert(queue, int(keyIndex.size()) + 3);
            script.arg(key(QByteArray("queue:") + queue.toUtf8()));
        }
        argv << entry.raw << queue.toUtf8() << QByteArray::number(*index) << job;
    }
    if (argv.isEmpty())
        return {};
    QList<QByteArray> full = script.argv();
    full[2] = QByteArray::number(2 + keyIndex.size());
    full += argv;
    const Reply reply = checked(m_client.commandOnMaster(Command(full)), setKey);
    if (!reply.isArray() || reply.size() != 2)
        throw DataError(QString::fromUtf8(setKey), QStringLiteral("unexpected requeue reply"));
    return {reply.at(0).toInteger(), reply.at(1).toInteger()};
}

qint64 SidekiqSteering::purge(JobSet set) const
{
    const QByteArray k = key(jobSetName(set));
    return checked(m_client.commandOnMaster(Command {"EVAL", kPurge, "1", k}), k).toInteger();
}

qint64 SidekiqSteering::clearQueue(const QString& queue) const
{
    const QByteArray k = key(QByteArray("queue:") + queue.toUtf8());
    return checked(
        m_client.commandOnMaster(Command {"EVAL", kClear, "2", k, key("queues"), queue.toUtf8()}),
        k)
        .toInteger();
}

SidekiqSteering::SignalResult SidekiqSteering::signal(
    const QString& identity, QByteArrayView signal) const
{
    const QByteArray id = identity.toUtf8();
    const QByteArray signalList = key(id + QByteArray("-signals"));
    const qint64 result
        = checked(m_client.commandOnMaster(Command {"EVAL", kSignal, "3", key("processes"), key(id),
                      signalList, id, signal.toByteArray()}),
            signalList)
              .toInteger();
    if (result == -1)
        return SignalResult::NotAProcess;
    if (result == -2)
        return SignalResult::NotRunning;
    return SignalResult::Sent;
}

} // namespace qd::sidekiq
