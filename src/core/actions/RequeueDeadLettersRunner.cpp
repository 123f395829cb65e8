#include "core/actions/RequeueDeadLettersRunner.h"

#include "core/actions/ActionCatalog.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Log.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <thread>

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// KEYS: dead letters, skipped scratch list, then the queue keys. ARGV: batch size, "fixed" or
// "original", then the target's KEYS index (fixed) or the queue names aligned with KEYS[3..].
// Per batch, one RPOP with a count and one LPUSH per target list: a redis.call costs far more
// than the Lua around it, and a batch of single-job calls kept Redis busy several times longer.
// LPUSH of a group in pop order leaves the jobs in the order single LPUSHes would. unpack()
// of a whole batch stays well inside Lua's C stack limit (8000) at kBatch jobs.
const QByteArray kMoveBatch = QByteArrayLiteral(R"LUA(
local n = tonumber(ARGV[1])
local fixed = nil
local targets = {}
if ARGV[2] == 'fixed' then
  fixed = KEYS[tonumber(ARGV[3])]
else
  for j = 3, #ARGV do targets[ARGV[j]] = KEYS[j] end
end
local jobs = redis.pcall('RPOP', KEYS[1], n)
if type(jobs) == 'table' and jobs.err then
  -- Redis before 6.2 has no RPOP count: pop one by one.
  jobs = {}
  for i = 1, n do
    local job = redis.call('RPOP', KEYS[1])
    if not job then break end
    jobs[i] = job
  end
elseif not jobs then
  jobs = {}
end
local moved, skipped = 0, 0
local groups, order = {}, {}
for i = 1, #jobs do
  local job = jobs[i]
  local target = fixed
  if not fixed then
    target = targets[string.match(job, '"priority"%s*:%s*"([^"]*)"') or '']
  end
  if target then
    job = string.gsub(job, '"retries"%s*:%s*%-?%d+', '"retries":0', 1)
    moved = moved + 1
  else
    target = KEYS[2]
    skipped = skipped + 1
  end
  local group = groups[target]
  if not group then
    group = {}
    groups[target] = group
    order[#order + 1] = target
  end
  group[#group + 1] = job
end
for _, target in ipairs(order) do
  redis.call('LPUSH', target, unpack(groups[target]))
end
return {moved, skipped}
)LUA");

// Puts skipped jobs back at the dead-letter tail in their original order.
const QByteArray kRestoreSkipped = QByteArrayLiteral(R"LUA(
local n = 0
while n < tonumber(ARGV[1]) do
  if not redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') then break end
  n = n + 1
end
return n
)LUA");

// Moves one listed job if it is still a dead letter.
const QByteArray kMoveOne
    = QByteArrayLiteral("if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 1 then redis.call('LPUSH', "
                        "KEYS[2], ARGV[2]) return 1 end return 0");

// The same edit the batch script makes: only the retries figure changes, every other byte of
// the job stays as the producer wrote it.
QByteArray resetRetries(const QByteArray& job)
{
    static const QRegularExpression retries(QStringLiteral(R"("retries"\s*:\s*-?\d+)"));
    QString text = QString::fromUtf8(job);
    const QRegularExpressionMatch match = retries.match(text);
    if (!match.hasMatch())
        return job;
    text.replace(match.capturedStart(), match.capturedLength(), QStringLiteral("\"retries\":0"));
    return text.toUtf8();
}

// One batch, sent only over a connection just verified to lead to the master. During a
// failover the batch is not sent; it waits for the new master and goes there, until the action
// is cancelled or times out. So it does while Redis Cluster migrates the batch's slot and
// answers TRYAGAIN (the script did not run). A batch is never sent twice otherwise: once it
// may have run, any failure ends the action.
Reply sendBatch(const ActionContext& c, const Command& batch)
{
    for (;;) {
        try {
            Reply reply = c.client.commandOnMaster(batch);
            if (!reply.isErrorCode("TRYAGAIN") || c.shouldStop())
                return reply;
            spdlog::debug("requeue {}: waiting for a slot migration ({})", log::s(c.actionId),
                log::s(reply.toString()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        } catch (const redis::ConnectionError& e) {
            if (e.kind() != redis::ConnectionError::Kind::NotMaster || c.shouldStop())
                throw;
            spdlog::info(
                "requeue {}: waiting for a master ({})", log::s(c.actionId), log::s(e.message()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

TargetResult failure(const QString& message)
{
    TargetResult result;
    result.message = message;
    return result;
}

QString scriptError(const Reply& reply)
{
    if (reply.isErrorCode("CROSSSLOT"))
        return QStringLiteral(
            "the dead-letter list and the queues are on different slots; in Redis Cluster "
            "the queue system needs hash tags (docs/queue-systems/go-redis-work-queue.md)");
    return reply.toString();
}

// The queue parameter, or the catalog's default ("original": each job's priority names it).
QString destination(const ActionContext& c)
{
    return ActionCatalog::of(ActionType::RequeueDeadLetters)
        .valueOf(c.parameters, QStringLiteral("queue"))
        .toString();
}

} // namespace

TargetResult RequeueDeadLettersRunner::run(const ActionContext& c)
{
    return c.parameters.contains(QStringLiteral("ids")) ? moveListed(c) : moveAll(c);
}

TargetResult RequeueDeadLettersRunner::moveAll(const ActionContext& c)
{
    const QueueSystemConfig& qs = c.cluster.queueSystem;
    const QString queue = destination(c);
    const QByteArray dlq = qs.deadLetterKey.toUtf8();
    const QByteArray scratch = dlq + ":queuedeck-requeue-skipped:" + c.actionId.toUtf8();
    Command batch {"EVAL", kMoveBatch, QByteArray::number(2 + qs.queues.size()), dlq, scratch};
    for (const QueueKey& q : qs.queues)
        batch.arg(q.key.toUtf8());
    batch.arg(QByteArray::number(kBatch)); // ARGV[1], replaced per batch below
    if (queue == u"original") {
        batch.arg(QByteArrayLiteral("original"));
        for (const QueueKey& q : qs.queues)
            batch.arg(q.name.toUtf8());
    } else {
        qsizetype index = 0;
        while (qs.queues[index].name != queue)
            ++index;
        batch.arg(QByteArrayLiteral("fixed")).arg(QByteArray::number(index + 3));
    }
    batch.routeBy(dlq);
    const qsizetype batchArg = 3 + 2 + qs.queues.size(); // EVAL script numkeys keys...

    const qint64 length = c.client.command(Command {"LLEN", dlq}).toInteger();
    const qint64 limit = c.parameters.value(QStringLiteral("limit")).toInteger(length);
    const qint64 total = std::min(length, limit);
    qint64 moved = 0;
    qint64 skipped = 0;
    QString stopped;
    while (moved + skipped < total) {
        if (c.shouldStop()) {
            stopped = c.stopReason();
            break;
        }
        QList<QByteArray> argv = batch.argv();
        argv[batchArg] = QByteArray::number(std::min<qint64>(kBatch, total - moved - skipped));
        const Reply reply = sendBatch(c, Command(argv).routeBy(dlq));
        if (reply.isError())
            return failure(QStringLiteral("requeue failed after %1 jobs: %2")
                               .arg(moved)
                               .arg(scriptError(reply)));
        const qint64 batchMoved = reply.at(0).toInteger();
        const qint64 batchSkipped = reply.at(1).toInteger();
        moved += batchMoved;
        skipped += batchSkipped;
        c.progress(moved + skipped, total);
        if (batchMoved + batchSkipped == 0)
            break; // the list emptied under us (another purge or requeue)
    }
    while (skipped > 0) {
        const Reply restored = sendBatch(c,
            Command {"EVAL", kRestoreSkipped, "2", scratch, dlq, QByteArray::number(kBatch)}
                .routeBy(dlq));
        if (restored.isError() || restored.toInteger() == 0)
            break;
    }
    TargetResult result;
    result.success = stopped.isEmpty();
    result.message = QStringLiteral("moved %1 dead letters to %2, skipped %3")
                         .arg(moved)
                         .arg(queue)
                         .arg(skipped);
    if (!stopped.isEmpty())
        result.message += QStringLiteral(" (%1 before the end)").arg(stopped);
    result.details = {{QStringLiteral("moved"), moved}, {QStringLiteral("skipped"), skipped},
        {QStringLiteral("queue"), queue}};
    result.done = moved + skipped;
    result.total = total;
    return result;
}

TargetResult RequeueDeadLettersRunner::moveListed(const ActionContext& c)
{
    const QueueSystemConfig& qs = c.cluster.queueSystem;
    const QString queue = destination(c);
    const QByteArray dlq = qs.deadLetterKey.toUtf8();
    QSet<QString> wanted;
    for (const QJsonValue& id : c.parameters.value(QStringLiteral("ids")).toArray())
        wanted.insert(id.toString());
    const qint64 limit = c.parameters.value(QStringLiteral("limit")).toInteger(wanted.size());

    // Find the listed jobs, oldest (tail) first, reading the list in pages.
    QList<QByteArray> found;
    const qint64 length = c.client.command(Command {"LLEN", dlq}).toInteger();
    for (qint64 end = length - 1; end >= 0 && found.size() < wanted.size(); end -= kBatch) {
        if (c.shouldStop())
            break;
        const Reply page = c.client.command(Command {"LRANGE", dlq,
            QByteArray::number(std::max<qint64>(0, end - kBatch + 1)), QByteArray::number(end)});
        const QList<Reply>& items = page.elements();
        for (auto it = items.crbegin(); it != items.crend(); ++it) {
            const QString id = QJsonDocument::fromJson(it->toByteArray())
                                   .object()
                                   .value(QStringLiteral("id"))
                                   .toString();
            if (wanted.contains(id))
                found.append(it->toByteArray());
        }
    }
    qint64 moved = 0;
    qint64 skipped = static_cast<qint64>(wanted.size()) - static_cast<qint64>(found.size());
    for (const QByteArray& job : std::as_const(found)) {
        if (moved >= limit || c.shouldStop())
            break;
        QString target = queue;
        if (queue == u"original")
            target = QJsonDocument::fromJson(job)
                         .object()
                         .value(QStringLiteral("priority"))
                         .toString();
        const QString key = qs.keyOf(target);
        if (key.isEmpty()) {
            ++skipped;
            continue;
        }
        const Reply reply = sendBatch(c,
            Command {"EVAL", kMoveOne, "2", dlq, key.toUtf8(), job, resetRetries(job)}.routeBy(
                dlq));
        if (reply.isError())
            return failure(QStringLiteral("requeue failed after %1 jobs: %2")
                               .arg(moved)
                               .arg(scriptError(reply)));
        if (reply.toInteger() == 1)
            ++moved;
        else
            ++skipped; // gone meanwhile
        c.progress(moved + skipped, wanted.size());
    }
    TargetResult result;
    result.success = !c.cancelled.load();
    result.message
        = QStringLiteral("moved %1 listed dead letters, skipped %2 (not found or no queue)")
              .arg(moved)
              .arg(skipped);
    result.details = {{QStringLiteral("moved"), moved}, {QStringLiteral("skipped"), skipped},
        {QStringLiteral("queue"), queue}};
    return result;
}

} // namespace qd
