#include "core/queues/rq/RqReader.h"

#include "core/redis/Script.h"

#include <algorithm>

namespace qd::rq {

using redis::Command;
using redis::Reply;

namespace {

// Reads everything in one atomic step, so that the figures are one moment of the deployment:
// the queues named by rq:queues with their registries, the workers named by rq:workers with
// their hashes and current jobs, and the started jobs past their timeout. Plain reads only.
// ARGV: now (Unix seconds), how many abandoned jobs per queue to list.
const QByteArray pollScript = QByteArrayLiteral(R"lua(
local now = tonumber(ARGV[1])
local listed = tonumber(ARGV[2])
local function live(key)
  local total = redis.call('ZCARD', key)
  local expired = redis.call('ZCOUNT', key, 0, now)
  return total - expired, expired
end
local queues, workers, abandoned = {}, {}, {}
for _, qkey in ipairs(redis.call('SMEMBERS', 'rq:queues')) do
  if string.sub(qkey, 1, 9) == 'rq:queue:' then
    local name = string.sub(qkey, 10)
    local oldest = false
    local first = redis.call('LINDEX', qkey, 0)
    if first then oldest = redis.call('HGET', 'rq:job:' .. first, 'enqueued_at') end
    local started, stale = live('rq:wip:' .. name)
    local finished = live('rq:finished:' .. name)
    local failed = live('rq:failed:' .. name)
    table.insert(queues, {name, redis.call('LLEN', qkey), oldest, started, stale, finished, failed,
      redis.call('ZCARD', 'rq:scheduled:' .. name), redis.call('ZCARD', 'rq:deferred:' .. name),
      redis.call('ZCARD', 'rq:canceled:' .. name)})
    if stale > 0 then
      for _, id in ipairs(redis.call('ZRANGEBYSCORE', 'rq:wip:' .. name, 0, now, 'LIMIT', 0, listed)) do
        local job = redis.call('HMGET', 'rq:job:' .. id, 'worker_name', 'description', 'started_at')
        table.insert(abandoned, {name, id, job[1], job[2], job[3]})
      end
    end
  end
end
for _, wkey in ipairs(redis.call('SMEMBERS', 'rq:workers')) do
  if redis.call('TYPE', wkey)['ok'] == 'hash' then
    local w = redis.call('HMGET', wkey, 'state', 'current_job', 'last_heartbeat',
      'successful_job_count', 'failed_job_count', 'queues', 'hostname', 'pid',
      'shutdown_requested_date')
    local job = {false, false, false}
    if w[2] and w[2] ~= '' then
      job = redis.call('HMGET', 'rq:job:' .. w[2], 'origin', 'description', 'started_at')
    end
    table.insert(workers, {wkey, redis.call('PTTL', wkey), w, job})
  end
end
return {redis.call('EXISTS', 'rq:suspended'), queues, workers, abandoned}
)lua");

QString text(const Reply& r)
{
    return r.isString() ? r.toString() : QString();
}

} // namespace

namespace keys {

QByteArray queue(const QString& name)
{
    return (queuePrefix + name).toUtf8();
}

QByteArray registry(QStringView kind, const QString& queue)
{
    return (u"rq:" + kind + u':' + queue).toUtf8();
}

QByteArray job(const QString& id)
{
    return (jobPrefix + id).toUtf8();
}

} // namespace keys

Command pollCommand(qint64 nowSeconds, bool noWritesFlag)
{
    // Sent as EVALSHA: 2 KB less per poll (redis::Script).
    static const redis::Script flagged(QByteArrayLiteral("#!lua flags=no-writes\n") + pollScript);
    static const redis::Script plain(pollScript);
    return (noWritesFlag ? flagged : plain).call(0).arg(nowSeconds).arg(qint64(abandonedListed));
}

std::optional<QDateTime> parseTime(QByteArrayView raw)
{
    // RQ writes microseconds; QueueDeck keeps milliseconds.
    const QString s = QString::fromLatin1(raw);
    if (s.size() < 19)
        return std::nullopt;
    const QDateTime local
        = QDateTime::fromString(s.first(19), QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!local.isValid())
        return std::nullopt;
    QDateTime at(local.date(), local.time(), Qt::UTC);
    if (s.size() > 20 && s[19] == u'.') {
        QString digits;
        for (qsizetype i = 20; i < s.size() && s[i].isDigit() && digits.size() < 3; ++i)
            digits += s[i];
        while (digits.size() < 3)
            digits += u'0';
        at = at.addMSecs(digits.toInt());
    }
    return at;
}

Reading readPoll(const Reply& reply)
{
    Reading reading;
    if (reply.isError() || !reply.isArray() || reply.size() != 4) {
        reading.error = reply.isError() ? reply.toString() : reply.toDebugString();
        return reading;
    }
    reading.suspended = reply.at(0).toInteger() == 1;
    for (const Reply& q : reply.at(1).elements()) {
        if (q.size() != 10)
            continue;
        QueueCounts& counts = reading.queues.emplace_back();
        counts.name = q.at(0).toString();
        counts.queued = q.at(1).toInteger();
        counts.oldestEnqueuedAt = parseTime(q.at(2).toByteArray());
        counts.started = q.at(3).toInteger();
        counts.abandoned = q.at(4).toInteger();
        counts.finished = q.at(5).toInteger();
        counts.failed = q.at(6).toInteger();
        counts.scheduled = q.at(7).toInteger();
        counts.deferred = q.at(8).toInteger();
        counts.canceled = q.at(9).toInteger();
    }
    std::sort(reading.queues.begin(), reading.queues.end(),
        [](const QueueCounts& a, const QueueCounts& b) { return a.name < b.name; });
    for (const Reply& w : reply.at(2).elements()) {
        if (w.size() != 4 || w.at(2).size() != 9 || w.at(3).size() != 3)
            continue;
        const QString key = w.at(0).toString();
        if (!key.startsWith(keys::workerPrefix))
            continue;
        WorkerReading& worker = reading.workers.emplace_back();
        worker.name = key.sliced(keys::workerPrefix.size());
        worker.ttlMs = w.at(1).toInteger();
        const Reply& h = w.at(2);
        worker.state = text(h.at(0));
        worker.currentJob = text(h.at(1));
        worker.lastHeartbeat = parseTime(h.at(2).toByteArray());
        worker.successful = h.at(3).toInteger();
        worker.failed = h.at(4).toInteger();
        if (!text(h.at(5)).isEmpty())
            worker.queues = text(h.at(5)).split(u',');
        worker.hostname = text(h.at(6));
        bool ok = false;
        const qint64 pid = h.at(7).toInteger(&ok);
        if (ok)
            worker.pid = pid;
        worker.shutdownRequested = !text(h.at(8)).isEmpty();
        const Reply& job = w.at(3);
        worker.jobOrigin = text(job.at(0));
        worker.jobDescription = text(job.at(1));
        worker.jobStartedAt = parseTime(job.at(2).toByteArray());
    }
    std::sort(reading.workers.begin(), reading.workers.end(),
        [](const WorkerReading& a, const WorkerReading& b) { return a.name < b.name; });
    for (const Reply& a : reply.at(3).elements()) {
        if (a.size() != 5)
            continue;
        AbandonedJob& job = reading.abandoned.emplace_back();
        job.queue = a.at(0).toString();
        job.id = a.at(1).toString();
        job.worker = text(a.at(2));
        job.description = text(a.at(3));
        job.startedAt = parseTime(a.at(4).toByteArray());
    }
    return reading;
}

} // namespace qd::rq
