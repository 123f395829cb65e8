#include "loadgen/JobMover.h"

#include "core/config/ClusterConfig.h"
#include "core/redis/RedisClient.h"
#include "loadgen/Job.h"

#include <stdexcept>

namespace qd::loadgen {
namespace {

using redis::Command;
using redis::Reply;

[[noreturn]] void unexpected(const char* what, const Reply& reply)
{
    throw std::runtime_error(std::string(what) + ": " + reply.toDebugString().toStdString());
}

bool wholeSeconds(Millis ttl)
{
    return ttl.count() % 1000 == 0;
}

} // namespace

JobMover::JobMover(redis::RedisClient& client, const QueueSystemConfig& system, QString workerId,
    Millis heartbeatTtl, Millis blockTimeout)
    : m_client(client)
    , m_system(system)
    , m_processingKey(system.processingKey(workerId))
    , m_heartbeatKey(system.heartbeatKey(workerId))
    , m_processing(m_processingKey.toUtf8())
    , m_heartbeat(m_heartbeatKey.toUtf8())
    , m_expiryUnit(wholeSeconds(heartbeatTtl) ? QByteArrayLiteral("EX") : QByteArrayLiteral("PX"))
    , m_expiry(QByteArray::number(
          wholeSeconds(heartbeatTtl) ? heartbeatTtl.count() / 1000 : heartbeatTtl.count()))
    // BRPOPLPUSH takes fractional seconds since Redis 6.0.
    , m_blockSeconds(QByteArray::number(static_cast<double>(blockTimeout.count()) / 1000.0, 'f', 3))
{
}

std::optional<JobMover::Taken> JobMover::take(bool* allPaused)
{
    // The pause flags are read before every take: that is the whole pause contract.
    QList<Command> probe;
    for (const QueueKey& queue : m_system.queues) {
        probe.append(Command {QByteArrayLiteral("EXISTS"), m_system.pauseKey(queue.name).toUtf8()});
        probe.append(Command {QByteArrayLiteral("LLEN"), queue.key.toUtf8()});
    }
    const QList<Reply> state = m_client.pipeline(probe);
    QList<const QueueKey*> open; // unpaused, in priority order
    QList<qint64> lengths;
    for (qsizetype i = 0; i < m_system.queues.size(); ++i) {
        const Reply& paused = state.at(2 * i);
        const Reply& length = state.at(2 * i + 1);
        if (!paused.isInteger())
            unexpected("EXISTS on a pause flag", paused);
        if (!length.isInteger())
            unexpected("LLEN on a queue", length);
        if (paused.toInteger() == 0) {
            open.append(&m_system.queues.at(i));
            lengths.append(length.toInteger());
        }
    }
    *allPaused = open.isEmpty();
    for (qsizetype i = 0; i < open.size(); ++i) {
        if (lengths.at(i) == 0)
            continue;
        const QByteArray key = open.at(i)->key.toUtf8();
        const Reply reply
            = m_client.command(Command {QByteArrayLiteral("RPOPLPUSH"), key, m_processing});
        if (reply.isString())
            return Taken {reply.toByteArray(), open.at(i)->key};
        if (!reply.isNil())
            unexpected("RPOPLPUSH", reply);
        // Another worker took the last job since LLEN: try the next queue.
    }
    if (open.isEmpty())
        return std::nullopt;
    const QByteArray key = open.constFirst()->key.toUtf8();
    const Reply reply = m_client.command(
        Command {QByteArrayLiteral("BRPOPLPUSH"), key, m_processing, m_blockSeconds});
    if (reply.isString())
        return Taken {reply.toByteArray(), open.constFirst()->key};
    if (!reply.isNil())
        unexpected("BRPOPLPUSH", reply);
    return std::nullopt;
}

void JobMover::heartbeat(const QByteArray& payload)
{
    const Reply reply = m_client.command(
        Command {QByteArrayLiteral("SET"), m_heartbeat, payload, m_expiryUnit, m_expiry});
    if (!reply.isStatus())
        unexpected("SET heartbeat", reply);
}

void JobMover::complete(const Taken& job)
{
    transaction({Command {QByteArrayLiteral("LPUSH"), m_system.completedKey.toUtf8(), job.payload},
                    Command {QByteArrayLiteral("LREM"), m_processing, "1", job.payload},
                    Command {QByteArrayLiteral("DEL"), m_heartbeat}},
        "completing a job");
}

void JobMover::moveFailed(const Taken& job, const QByteArray& retried, const QString& destination)
{
    transaction({Command {QByteArrayLiteral("LPUSH"), destination.toUtf8(), retried},
                    Command {QByteArrayLiteral("LREM"), m_processing, "1", job.payload},
                    Command {QByteArrayLiteral("DEL"), m_heartbeat}},
        "moving a failed job");
}

void JobMover::handBack(const Taken& job)
{
    transaction({Command {QByteArrayLiteral("RPUSH"), job.queueKey.toUtf8(), job.payload},
                    Command {QByteArrayLiteral("LREM"), m_processing, "1", job.payload},
                    Command {QByteArrayLiteral("DEL"), m_heartbeat}},
        "handing a job back");
}

qint64 JobMover::recover()
{
    const Reply held
        = m_client.command(Command {QByteArrayLiteral("LRANGE"), m_processing, "0", "-1"});
    if (!held.isArray())
        unexpected("LRANGE on the processing list", held);
    // The oldest job sits at the right end; handing back right to left keeps queue order.
    for (qsizetype i = held.size() - 1; i >= 0; --i) {
        const QByteArray& payload = held.at(i).toByteArray();
        handBack({payload, queueOfPayload(payload)});
    }
    if (held.size() == 0)
        m_client.command(Command {QByteArrayLiteral("DEL"), m_heartbeat});
    return held.size();
}

QString JobMover::queueOfPayload(const QByteArray& payload) const
{
    if (const std::optional<Job> job = Job::fromJson(payload)) {
        const QString key = m_system.keyOf(job->priority);
        if (!key.isEmpty())
            return key;
    }
    // A job naming no configured queue goes to the lowest priority: it will still be done.
    return m_system.queues.constLast().key;
}

void JobMover::transaction(const QList<Command>& commands, const char* what)
{
    // In Redis Cluster MULTI and EXEC carry no key; routing them by the processing list keeps
    // the whole transaction on the node that owns the queue system's slot.
    QList<Command> batch {Command {QByteArrayLiteral("MULTI")}.routeBy(m_processing)};
    batch.append(commands);
    batch.append(Command {QByteArrayLiteral("EXEC")}.routeBy(m_processing));
    const QList<Reply> replies = m_client.pipeline(batch);
    const Reply& exec = replies.constLast();
    if (!exec.isArray() || exec.size() != commands.size())
        unexpected(what, exec);
    for (const Reply& reply : exec.elements()) {
        if (reply.isError())
            unexpected(what, reply);
    }
}

} // namespace qd::loadgen
