#include "core/actions/BullMqRunners.h"

#include "core/queues/bullmq/BullMqBackend.h"
#include "core/queues/bullmq/BullMqReader.h"
#include "core/redis/RedisClient.h"

#include <QJsonArray>

#include <algorithm>
#include <optional>

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// KEYS: meta, marker, wait, prioritized, delayed, events, the legacy paused list.
// ARGV: "pause" or "resume". Returns -1 when the queue has no meta hash (no such queue), -2
// when jobs of a pre-5 pause still sit in the legacy list, else whether the queue is paused.
const QByteArray pauseScript = QByteArrayLiteral(R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local maxEvents = tonumber(redis.call('HGET', KEYS[1], 'opts.maxLenEvents')) or 10000
if ARGV[1] == 'pause' then
  redis.call('HSET', KEYS[1], 'paused', 1)
  -- A paused queue offers nothing: no marker for a worker to wake up on.
  redis.call('DEL', KEYS[2])
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', maxEvents, '*', 'event', 'paused')
else
  if redis.call('LLEN', KEYS[7]) > 0 then return -2 end
  redis.call('HDEL', KEYS[1], 'paused')
  if redis.call('LLEN', KEYS[3]) + redis.call('ZCARD', KEYS[4]) > 0 then
    redis.call('ZADD', KEYS[2], 0, '0')
  else
    local first = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
    if first[2] then
      redis.call('ZADD', KEYS[2], math.floor(tonumber(first[2]) / 4096), '1')
    end
  end
  redis.call('XADD', KEYS[6], 'MAXLEN', '~', maxEvents, '*', 'event', 'resumed')
end
return redis.call('HEXISTS', KEYS[1], 'paused')
)lua");

// Whether a job takes part in a flow: a parent link, or children of its own. Shared by the
// scripts below (prepended to them).
const QByteArray flowCheck = QByteArrayLiteral(R"lua(
local function inFlow(jobKey)
  if redis.call('HEXISTS', jobKey, 'parentKey') == 1 then return true end
  return redis.call('EXISTS', jobKey .. ':dependencies', jobKey .. ':processed',
    jobKey .. ':failed', jobKey .. ':unsuccessful') > 0
end
)lua");

// KEYS: failed, wait, prioritized, priority counter, marker, meta, events, active.
// ARGV: the job key prefix ("<prefix>:<queue>:"), batch size, how many flow jobs to skip at
// the head. Returns {requeued, flow jobs met, failed left}.
const QByteArray requeueScript = flowCheck + QByteArrayLiteral(R"lua(
local ids = redis.call('ZRANGE', KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[3]) + tonumber(ARGV[2]) - 1)
local maxEvents = tonumber(redis.call('HGET', KEYS[6], 'opts.maxLenEvents')) or 10000
local requeued, flow = 0, 0
for _, id in ipairs(ids) do
  local jobKey = ARGV[1] .. id
  if redis.call('EXISTS', jobKey) == 0 then
    redis.call('ZREM', KEYS[1], id) -- a dangling id: nothing to run
  elseif inFlow(jobKey) then
    flow = flow + 1
  else
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', jobKey, 'finishedOn', 'processedOn', 'failedReason')
    local priority = tonumber(redis.call('HGET', jobKey, 'priority')) or 0
    if priority == 0 then
      local ok, opts = pcall(cjson.decode, redis.call('HGET', jobKey, 'opts') or '{}')
      local push = (ok and type(opts) == 'table' and opts['lifo']) and 'RPUSH' or 'LPUSH'
      redis.call(push, KEYS[2], id)
    else
      -- The same ordering as a fresh prioritized job: priority, then arrival.
      local n = redis.call('INCR', KEYS[4])
      redis.call('ZADD', KEYS[3], priority * 4294967296 + n % 4294967296, id)
    end
    redis.call('XADD', KEYS[7], 'MAXLEN', '~', maxEvents, '*', 'event', 'waiting', 'jobId', id,
      'prev', 'failed')
    requeued = requeued + 1
  end
end
if requeued > 0 then
  local meta = redis.call('HMGET', KEYS[6], 'paused', 'concurrency')
  local maxed = meta[2] and redis.call('LLEN', KEYS[8]) >= tonumber(meta[2])
  if not meta[1] and not maxed then redis.call('ZADD', KEYS[5], 0, '0') end
end
return {requeued, flow, redis.call('ZCARD', KEYS[1])}
)lua");

// KEYS: failed, events. ARGV: the job key prefix, batch size, flow jobs to skip at the head.
// Returns {deleted, flow jobs met, failed left}.
const QByteArray purgeScript = flowCheck + QByteArrayLiteral(R"lua(
local ids = redis.call('ZRANGE', KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[3]) + tonumber(ARGV[2]) - 1)
local deleted, flow = 0, 0
for _, id in ipairs(ids) do
  local jobKey = ARGV[1] .. id
  if redis.call('EXISTS', jobKey) == 1 and inFlow(jobKey) then
    flow = flow + 1
  else
    redis.call('ZREM', KEYS[1], id)
    redis.call('DEL', jobKey, jobKey .. ':logs', jobKey .. ':lock')
    deleted = deleted + 1
  end
end
if deleted > 0 then
  redis.call('XADD', KEYS[2], '*', 'event', 'cleaned', 'count', deleted)
end
return {deleted, flow, redis.call('ZCARD', KEYS[1])}
)lua");

constexpr int batchSize = 500;

struct Sweep {
    qint64 moved = 0;
    qint64 flow = 0;
    QJsonObject perQueue;
    QString stopped; // why it stopped early, empty when it went through
    QString error;
};

// Runs a batch script over every queue's failed set until only flow jobs are left, or, with a
// limit, until that many jobs have been moved (each queue's oldest failures first, queues in
// discovery order).
Sweep sweepFailed(const ActionContext& c, bool requeue, std::optional<qint64> limit = {})
{
    const bullmq::Keys keys(c.cluster.queueSystem.bullmqPrefix);
    const QStringList queues = BullMqBackend::discoverAll(c.client, c.cluster);
    Sweep sweep;
    qint64 total = 0;
    for (const QString& q : queues) {
        const Reply n = c.client.command(Command {"ZCARD", keys.key(q, u"failed")});
        total += n.isInteger() ? n.toInteger() : 0;
    }
    if (limit)
        total = std::min(total, *limit);
    for (const QString& q : queues) {
        const QByteArray jobPrefix = (keys.prefix() + u':' + q + u':').toUtf8();
        qint64 moved = 0;
        qint64 flow = 0;
        for (;;) {
            if (c.shouldStop()) {
                sweep.stopped = c.stopReason();
                break;
            }
            const qint64 room = limit ? *limit - sweep.moved : batchSize;
            if (room <= 0)
                break;
            const QByteArray batch = QByteArray::number(std::min<qint64>(batchSize, room));
            Command command = requeue
                ? Command {"EVAL", requeueScript, "8", keys.key(q, u"failed"), keys.key(q, u"wait"),
                    keys.key(q, u"prioritized"), keys.key(q, u"pc"), keys.key(q, u"marker"),
                    keys.key(q, u"meta"), keys.key(q, u"events"), keys.key(q, u"active"), jobPrefix,
                    batch, QByteArray::number(flow)}
                : Command {"EVAL", purgeScript, "2", keys.key(q, u"failed"), keys.key(q, u"events"),
                    jobPrefix, batch, QByteArray::number(flow)};
            command.routeBy(keys.key(q, u"failed"));
            const Reply reply = c.client.command(command);
            if (reply.isError() || reply.size() != 3) {
                sweep.error = QStringLiteral("queue %1: %2").arg(q, reply.toString());
                break;
            }
            moved += reply.at(0).toInteger();
            flow += reply.at(1).toInteger();
            sweep.moved += reply.at(0).toInteger();
            if (c.progress)
                c.progress(sweep.moved, total);
            if (reply.at(2).toInteger() <= flow)
                break;
        }
        sweep.flow += flow;
        if (moved > 0 || flow > 0)
            sweep.perQueue.insert(q,
                QJsonObject {
                    {QStringLiteral("moved"), moved}, {QStringLiteral("flow_jobs_left"), flow}});
        if (!sweep.stopped.isEmpty() || !sweep.error.isEmpty() || (limit && sweep.moved >= *limit))
            break;
    }
    return sweep;
}

TargetResult resultOf(const Sweep& sweep, const QString& verb, const QString& figure)
{
    TargetResult result;
    result.success = sweep.error.isEmpty() && sweep.stopped.isEmpty();
    result.message = QStringLiteral("%1 %2 failed jobs").arg(verb).arg(sweep.moved);
    if (sweep.flow > 0)
        result.message += QStringLiteral("; %1 jobs of flows left alone (a parent or children "
                                         "link them to other jobs)")
                              .arg(sweep.flow);
    if (!sweep.stopped.isEmpty())
        result.message += QStringLiteral("; %1").arg(sweep.stopped);
    if (!sweep.error.isEmpty())
        result.message += QStringLiteral("; failed: %1").arg(sweep.error);
    result.details = {{figure, sweep.moved}, {QStringLiteral("flow_jobs_left"), sweep.flow},
        {QStringLiteral("queues"), sweep.perQueue}};
    return result;
}

} // namespace

TargetResult BullMqPauseRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    const bullmq::Keys keys(c.cluster.queueSystem.bullmqPrefix);
    const Reply reply = c.client.command(
        Command {"EVAL", pauseScript, "7", keys.key(queue, u"meta"), keys.key(queue, u"marker"),
            keys.key(queue, u"wait"), keys.key(queue, u"prioritized"), keys.key(queue, u"delayed"),
            keys.key(queue, u"events"), keys.key(queue, u"paused"), m_pause ? "pause" : "resume"}
            .routeBy(keys.key(queue, u"meta")));
    TargetResult result;
    if (reply.isError()) {
        result.message
            = QStringLiteral("could not change the pause flag: %1").arg(reply.toString());
        return result;
    }
    const qint64 state = reply.toInteger();
    if (state == -1) {
        result.message = QStringLiteral("no BullMQ queue %1 (no key %2)")
                             .arg(queue, QString::fromUtf8(keys.key(queue, u"meta")));
        return result;
    }
    if (state == -2) {
        result.message = QStringLiteral("queue %1 still holds jobs paused by a BullMQ older than "
                                        "5 in %2; resume it with BullMQ itself")
                             .arg(queue, QString::fromUtf8(keys.key(queue, u"paused")));
        return result;
    }
    const bool paused = state == 1;
    result.success = paused == m_pause;
    result.message = paused ? QStringLiteral("queue %1 is paused").arg(queue)
                            : QStringLiteral("queue %1 is running").arg(queue);
    result.details = {{QStringLiteral("queue"), queue}, {QStringLiteral("paused"), paused}};
    return result;
}

TargetResult BullMqRequeueFailedRunner::run(const ActionContext& c)
{
    // A BullMQ job belongs to its queue (its hash lives under the queue's keys), so it can only
    // go back where it came from; job ids are counted per queue, so a list of them would not
    // name one job each: a selection by ids is not offered for BullMQ by this version.
    const QString destination = c.parameters.value(QStringLiteral("queue")).toString();
    if ((!destination.isEmpty() && destination != QStringLiteral("original"))
        || c.parameters.contains(QStringLiteral("ids"))) {
        TargetResult refused;
        refused.message = QStringLiteral("BullMQ failed jobs go back to their own queue: "
                                         "destination and ids are not supported (limit is)");
        return refused;
    }
    std::optional<qint64> limit;
    if (c.parameters.contains(QStringLiteral("limit")))
        limit = c.parameters.value(QStringLiteral("limit")).toInteger();
    return resultOf(
        sweepFailed(c, true, limit), QStringLiteral("requeued"), QStringLiteral("requeued"));
}

TargetResult BullMqPurgeFailedRunner::run(const ActionContext& c)
{
    return resultOf(sweepFailed(c, false), QStringLiteral("purged"), QStringLiteral("purged"));
}

std::unique_ptr<ActionRunner> bullMqRunner(ActionType type)
{
    switch (type) {
    case ActionType::PauseQueue:
        return std::make_unique<BullMqPauseRunner>(true);
    case ActionType::ResumeQueue:
        return std::make_unique<BullMqPauseRunner>(false);
    case ActionType::RequeueDeadLetters:
        return std::make_unique<BullMqRequeueFailedRunner>();
    case ActionType::PurgeDeadLetters:
        return std::make_unique<BullMqPurgeFailedRunner>();
    default:
        break;
    }
    return nullptr;
}

} // namespace qd
