#include "core/actions/RqRunners.h"

#include "core/queues/rq/RqReader.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// KEYS: the failed registry. ARGV: its queue's name, batch size, the enqueue time to record
// (RQ's format). The steps of FailedJobRegistry.requeue() and Queue.enqueue_job(): out of the
// registry, start and end times cleared, the error text dropped, status queued, the queue
// registered in rq:queues, the id pushed at the tail of the job's origin queue. An id without
// a job hash has nothing to run: it leaves the registry and is counted.
// Returns {requeued, dangling, failed left}.
const QByteArray requeueScript = QByteArrayLiteral(R"lua(
local ids = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local requeued, dangling = 0, 0
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local jobKey = 'rq:job:' .. id
  if redis.call('EXISTS', jobKey) == 0 then
    dangling = dangling + 1
  else
    local origin = redis.call('HGET', jobKey, 'origin') or ARGV[1]
    redis.call('HSET', jobKey, 'status', 'queued', 'origin', origin, 'started_at', '',
      'ended_at', '', 'enqueued_at', ARGV[3])
    redis.call('HDEL', jobKey, 'exc_info')
    redis.call('SADD', 'rq:queues', 'rq:queue:' .. origin)
    redis.call('RPUSH', 'rq:queue:' .. origin, id)
    requeued = requeued + 1
  end
end
return {requeued, dangling, redis.call('ZCARD', KEYS[1])}
)lua");

// KEYS: the failed registry. ARGV: batch size. Each job's hash and dependency sets go with it,
// as Job.delete() removes them, and its results stream, which would otherwise outlive the job.
// Returns {deleted, failed left}.
const QByteArray purgeScript = QByteArrayLiteral(R"lua(
local ids = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local jobKey = 'rq:job:' .. id
  redis.call('DEL', jobKey, jobKey .. ':dependents', jobKey .. ':dependencies', 'rq:results:' .. id)
end
return {#ids, redis.call('ZCARD', KEYS[1])}
)lua");

// KEYS: the queue list. ARGV: batch size. Pops waiting ids from the head, as Queue.empty()
// does, deleting each job's hash and dependents set. Returns {deleted, left}.
const QByteArray clearScript = QByteArrayLiteral(R"lua(
local n = 0
while n < tonumber(ARGV[1]) do
  local id = redis.call('LPOP', KEYS[1])
  if not id then break end
  redis.call('DEL', 'rq:job:' .. id, 'rq:job:' .. id .. ':dependents')
  n = n + 1
end
return {n, redis.call('LLEN', KEYS[1])}
)lua");

constexpr int batchSize = 500;

// The queue names of rq:queues.
QStringList queuesOf(const ActionContext& c)
{
    const Reply reply = c.client.command(Command {"SMEMBERS", rq::keys::queues.toUtf8()});
    if (reply.isError())
        throw std::runtime_error("SMEMBERS rq:queues failed: " + reply.toString().toStdString());
    QStringList names;
    for (const Reply& key : reply.elements()) {
        const QString k = key.toString();
        if (k.startsWith(rq::keys::queuePrefix))
            names.append(k.sliced(rq::keys::queuePrefix.size()));
    }
    names.sort();
    return names;
}

// RQ's timestamp format, microseconds included.
QByteArray rqTime(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000Z")).toLatin1();
}

struct Sweep {
    qint64 moved = 0;
    qint64 dangling = 0;
    QJsonObject perQueue;
    QString stopped;
    QString error;
};

Sweep sweepFailed(const ActionContext& c, bool requeue)
{
    const QStringList queues = queuesOf(c);
    Sweep sweep;
    qint64 total = 0;
    for (const QString& q : queues) {
        const Reply n = c.client.command(Command {"ZCARD", rq::keys::registry(u"failed", q)});
        total += n.isInteger() ? n.toInteger() : 0;
    }
    for (const QString& q : queues) {
        qint64 moved = 0;
        for (;;) {
            if (c.shouldStop()) {
                sweep.stopped = c.stopReason();
                break;
            }
            const QByteArray registry = rq::keys::registry(u"failed", q);
            const Command command = requeue
                ? Command {"EVAL", requeueScript, "1", registry, q.toUtf8(),
                    QByteArray::number(batchSize), rqTime(QDateTime::currentDateTimeUtc())}
                : Command {"EVAL", purgeScript, "1", registry, QByteArray::number(batchSize)};
            const Reply reply = c.client.command(command);
            if (reply.isError() || reply.size() != (requeue ? 3 : 2)) {
                sweep.error = QStringLiteral("queue %1: %2").arg(q, reply.toString());
                break;
            }
            moved += reply.at(0).toInteger();
            sweep.moved += reply.at(0).toInteger();
            if (requeue)
                sweep.dangling += reply.at(1).toInteger();
            if (c.progress)
                c.progress(sweep.moved, total);
            if (reply.elements().last().toInteger() == 0)
                break;
        }
        if (moved > 0)
            sweep.perQueue.insert(q, moved);
        if (!sweep.stopped.isEmpty() || !sweep.error.isEmpty())
            break;
    }
    return sweep;
}

TargetResult resultOf(const Sweep& sweep, const QString& verb, const QString& figure)
{
    TargetResult result;
    result.success = sweep.error.isEmpty() && sweep.stopped.isEmpty();
    result.message = QStringLiteral("%1 %2 failed jobs").arg(verb).arg(sweep.moved);
    if (sweep.dangling > 0)
        result.message
            += QStringLiteral("; %1 ids without a job hash dropped from the failed registries")
                   .arg(sweep.dangling);
    if (!sweep.stopped.isEmpty())
        result.message += QStringLiteral("; %1").arg(sweep.stopped);
    if (!sweep.error.isEmpty())
        result.message += QStringLiteral("; failed: %1").arg(sweep.error);
    result.details = {{figure, sweep.moved}, {QStringLiteral("queues"), sweep.perQueue}};
    if (sweep.dangling > 0)
        result.details.insert(QStringLiteral("dangling"), sweep.dangling);
    return result;
}

TargetResult noSuchQueue(const QString& queue)
{
    TargetResult result;
    result.message
        = QStringLiteral("no RQ queue %1 (not in rq:queues of this database)").arg(queue);
    return result;
}

} // namespace

TargetResult RqRequeueFailedRunner::run(const ActionContext& c)
{
    // An RQ job goes back to the queue it came from (its origin); a selection is not offered
    // for RQ by this version.
    const QString destination = c.parameters.value(QStringLiteral("queue")).toString();
    if ((!destination.isEmpty() && destination != QStringLiteral("original"))
        || c.parameters.contains(QStringLiteral("ids"))
        || c.parameters.contains(QStringLiteral("limit"))) {
        TargetResult refused;
        refused.message = QStringLiteral("RQ failed jobs go back to their own queue, all of "
                                         "them: destination, ids and limit are not supported");
        return refused;
    }
    return resultOf(sweepFailed(c, true), QStringLiteral("requeued"), QStringLiteral("requeued"));
}

TargetResult RqPurgeFailedRunner::run(const ActionContext& c)
{
    return resultOf(sweepFailed(c, false), QStringLiteral("purged"), QStringLiteral("purged"));
}

TargetResult RqClearQueueRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    if (!queuesOf(c).contains(queue))
        return noSuchQueue(queue);
    qint64 cleared = 0;
    TargetResult result;
    for (;;) {
        if (c.shouldStop()) {
            result.message = QStringLiteral("cleared %1 jobs of queue %2; %3")
                                 .arg(cleared)
                                 .arg(queue, c.stopReason());
            result.details
                = {{QStringLiteral("queue"), queue}, {QStringLiteral("cleared"), cleared}};
            return result;
        }
        const Reply reply = c.client.command(Command {
            "EVAL", clearScript, "1", rq::keys::queue(queue), QByteArray::number(batchSize)});
        if (reply.isError() || reply.size() != 2) {
            result.message = QStringLiteral("cleared %1 jobs of queue %2; failed: %3")
                                 .arg(cleared)
                                 .arg(queue, reply.toString());
            return result;
        }
        cleared += reply.at(0).toInteger();
        if (reply.at(1).toInteger() == 0)
            break;
    }
    result.success = true;
    result.message = QStringLiteral("cleared queue %1 (%2 jobs)").arg(queue).arg(cleared);
    result.details = {{QStringLiteral("queue"), queue}, {QStringLiteral("cleared"), cleared}};
    return result;
}

TargetResult RqSuspendRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    if (!queuesOf(c).contains(queue))
        return noSuchQueue(queue);
    const QByteArray key = rq::keys::suspended.toUtf8();
    const Reply reply
        = c.client.command(m_suspend ? Command {"SET", key, "1"} : Command {"DEL", key});
    TargetResult result;
    if (reply.isError()) {
        result.message = QStringLiteral("could not %1 the workers: %2")
                             .arg(m_suspend ? QStringLiteral("suspend") : QStringLiteral("resume"),
                                 reply.toString());
        return result;
    }
    result.success = true;
    const int db = c.cluster.db;
    result.message = m_suspend
        ? QStringLiteral("suspended every RQ worker of database %1 (RQ has no per-queue pause: "
                         "no queue of this database is worked, not only %2); a worker waiting "
                         "for a job notices only after it has taken one more")
              .arg(db)
              .arg(queue)
        : QStringLiteral("resumed every RQ worker of database %1 (all its queues, not only %2)")
              .arg(db)
              .arg(queue);
    result.details = {{QStringLiteral("queue"), queue}, {QStringLiteral("database"), db},
        {QStringLiteral("scope"), QStringLiteral("all_workers_of_database")},
        {QStringLiteral("suspended"), m_suspend}};
    return result;
}

std::unique_ptr<ActionRunner> rqRunner(ActionType type)
{
    switch (type) {
    case ActionType::PauseQueue:
        return std::make_unique<RqSuspendRunner>(true);
    case ActionType::ResumeQueue:
        return std::make_unique<RqSuspendRunner>(false);
    case ActionType::RequeueDeadLetters:
        return std::make_unique<RqRequeueFailedRunner>();
    case ActionType::PurgeDeadLetters:
        return std::make_unique<RqPurgeFailedRunner>();
    case ActionType::ClearQueue:
        return std::make_unique<RqClearQueueRunner>();
    default:
        break;
    }
    return nullptr;
}

} // namespace qd
