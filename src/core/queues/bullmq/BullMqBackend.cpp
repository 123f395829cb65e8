#include "core/queues/bullmq/BullMqBackend.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/CallStats.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>

#include <algorithm>
#include <utility>

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// SCAN steps per discovery round trip, and keys asked per step: bounds the cost of one
// discovery on a large keyspace; an unfinished cycle continues at the next poll.
constexpr int scanStepsPerDiscovery = 16;
constexpr int scanCount = 1000;

} // namespace

BullMqBackend::BullMqBackend(
    ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
    : m_config(std::move(config))
    , m_client(std::move(client))
    , m_clock(clock)
    , m_keys(m_config.queueSystem.bullmqPrefix)
{
}

void BullMqBackend::discoverIfDue(redis::CallStats* cost)
{
    const auto now = m_clock.now();
    const bool cycleOpen = m_cursor != "0";
    if (!cycleOpen && m_lastDiscovery
        && now - *m_lastDiscovery < m_config.queueSystem.discoveryInterval)
        return;
    if (!cycleOpen)
        m_scanFound.clear();
    for (int step = 0; step < scanStepsPerDiscovery; ++step) {
        const Reply reply
            = m_client->command(Command {"SCAN", m_cursor, "MATCH", m_keys.metaPattern(), "COUNT",
                                    QByteArray::number(scanCount)},
                cost);
        if (reply.isError() || reply.size() != 2)
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
                m_config.endpoint, QStringLiteral("SCAN failed: %1").arg(reply.toDebugString()));
        for (const Reply& key : reply.at(1).elements()) {
            const QString queue = m_keys.queueOfMetaKey(key.toString());
            if (!queue.isEmpty())
                m_scanFound.insert(queue);
        }
        m_cursor = reply.at(0).toByteArray();
        if (m_cursor == "0")
            break;
    }
    if (m_cursor == "0" || m_queues.isEmpty()) {
        // A finished cycle replaces what the last one found; until the first cycle finishes,
        // what it has found so far is shown.
        m_queues = QStringList(m_scanFound.cbegin(), m_scanFound.cend());
        m_lastDiscovery = now;
    }
}

ClusterStats BullMqBackend::poll()
{
    QElapsedTimer elapsed;
    elapsed.start();
    redis::CallStats cost;
    discoverIfDue(&cost);

    QSet<QString> known(m_queues.cbegin(), m_queues.cend());
    known.unite(m_workerQueues);
    QStringList queues(known.cbegin(), known.cend());
    std::sort(queues.begin(), queues.end());

    const QDateTime wallNow = m_clock.wallNow();
    const qint64 windowStart = wallNow.toMSecsSinceEpoch() - rateWindow.count();
    QList<Command> commands = bullmq::pollCommands(m_keys, queues, windowStart);
    commands.append(Command {"INFO"});
    QList<Reply> replies = m_client->pipeline(commands, &cost);
    const Reply info = replies.isEmpty() ? Reply() : replies.takeLast();
    const bullmq::PollReading reading = bullmq::readPoll(m_keys, queues, replies);
    if (!reading.error.isEmpty())
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
            m_config.endpoint, QStringLiteral("BullMQ poll failed: %1").arg(reading.error));

    ClusterStats stats;
    stats.clusterName = m_config.name;
    stats.system = queueSystemTypeName(QueueSystemType::BullMQ);
    stats.rateSource = QStringLiteral("finished_scores");
    qint64 scheduled = 0;
    qint64 completedRecently = 0;
    qint64 failedRecently = 0;
    for (const bullmq::QueueCounts& counts : reading.queues) {
        QueueStat& queue = stats.queues.emplace_back();
        queue.name = counts.name;
        queue.key = QString::fromUtf8(m_keys.key(counts.name, u"wait"));
        // Both wait for a free worker; the priority only orders them.
        queue.length = counts.waiting + counts.prioritized;
        queue.paused = counts.paused;
        queue.states.active = counts.active;
        queue.states.scheduled = counts.delayed;
        queue.states.failed = counts.failed;
        queue.states.completed = counts.completed;
        if (counts.oldestWaiting)
            queue.oldestJobAgeMs = std::max<qint64>(0, counts.oldestWaiting->msecsTo(wallNow));
        if (queue.oldestJobAgeMs)
            stats.oldestJobAgeMs
                = std::max(stats.oldestJobAgeMs.value_or(0), *queue.oldestJobAgeMs);
        stats.processingCount += counts.active;
        stats.deadLetterCount += counts.failed;
        stats.completedCount += counts.completed;
        scheduled += counts.delayed;
        completedRecently += counts.completedRecently;
        failedRecently += counts.failedRecently;
    }
    stats.scheduledCount = scheduled;

    m_workerQueues.clear();
    if (reading.workersKnown) {
        for (const bullmq::WorkerConnection& connection : reading.workers) {
            m_workerQueues.insert(connection.queue);
            WorkerStat& worker = stats.workers.emplace_back();
            worker.id = connection.connectionName;
            worker.host = connection.address;
            worker.queues = {connection.queue};
            // BullMQ has no heartbeat: an open connection is the sign of life, so the TTL is
            // 0 (present, never expiring on its own) and the age is the connection's idle time.
            worker.heartbeatTtlMs = 0;
            worker.heartbeatAgeMs = connection.idleSeconds * 1000;
        }
        std::sort(stats.workers.begin(), stats.workers.end(),
            [](const WorkerStat& a, const WorkerStat& b) { return a.id < b.id; });
        stats.workerCount = static_cast<int>(stats.workers.size());
    } else {
        stats.workerCount = std::nullopt;
    }
    // Without CLIENT LIST the workers are unknown, not absent.
    stats.workersComplete = reading.workersKnown && m_cursor == "0";

    if (info.isString())
        RedisInfo::addTo(info.toByteArray(), stats.server);
    stats.server.masters = 1;
    // Finished jobs in the window from their finish-time scores: the completed and failed
    // sets are trimmed by the producers, so their growth is no measure of throughput.
    const double windowSeconds = static_cast<double>(rateWindow.count()) / 1000.0;
    stats.ratesKnown = true;
    stats.jobRate = static_cast<double>(completedRecently) / windowSeconds;
    const qint64 finished = completedRecently + failedRecently;
    stats.errorRate = finished > 0 ? static_cast<double>(failedRecently) / finished : 0.0;
    stats.latencyMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
    stats.cost = PollCost {cost.roundTrips, cost.commands, cost.bytesSent, cost.bytesReceived};
    stats.polledAt = wallNow;
    m_lastCounts = reading.queues;
    return stats;
}

} // namespace qd
