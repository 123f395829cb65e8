#include "core/queues/bullmq/BullMqBackend.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/CallStats.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/NodeResult.h"
#include "core/redis/Pipeline.h"
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

bool BullMqBackend::readable(const QString& queue) const
{
    return m_config.mode != ClusterMode::Cluster || m_keys.singleSlot(queue);
}

namespace {

// One SCAN step on every master whose cycle is not finished: cursors holds each master's
// cursor ("0" once done; a master not in it starts). Returns whether any master has more.
bool scanStep(redis::RedisClient& client, const QString& clusterName, const bullmq::Keys& keys,
    QHash<QString, QByteArray>& cursors, QSet<QString>& found, redis::CallStats* cost)
{
    const QList<redis::NodeResult> results = client.perMaster(
        [&](const redis::NodeInfo& node) {
            redis::Pipeline pipeline;
            const auto cursor = cursors.constFind(node.address());
            if (cursor != cursors.cend() && *cursor == "0")
                return pipeline;
            pipeline.add(Command {"SCAN", cursor == cursors.cend() ? QByteArray("0") : *cursor,
                "MATCH", keys.discoveryPattern(), "COUNT", QByteArray::number(scanCount)});
            return pipeline;
        },
        cost);
    bool more = false;
    for (const redis::NodeResult& result : results) {
        if (!result.ok())
            throw *result.error;
        if (result.replies.isEmpty())
            continue;
        const Reply& reply = result.replies.first();
        if (reply.isError() || reply.size() != 2)
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, clusterName,
                result.node.address(),
                QStringLiteral("SCAN failed: %1").arg(reply.toDebugString()));
        for (const Reply& key : reply.at(1).elements()) {
            const QString queue = keys.queueOfDiscoveryKey(key.toString());
            if (!queue.isEmpty())
                found.insert(queue);
        }
        const QByteArray next = reply.at(0).toByteArray();
        cursors.insert(result.node.address(), next);
        more = more || next != "0";
    }
    return more;
}

} // namespace

QStringList BullMqBackend::discoverAll(redis::RedisClient& client, const ClusterConfig& config)
{
    QHash<QString, QByteArray> cursors;
    QSet<QString> found;
    const bullmq::Keys keys(config.queueSystem.bullmqPrefix);
    while (scanStep(client, config.name, keys, cursors, found, nullptr)) { }
    QStringList queues;
    for (const QString& queue : std::as_const(found)) {
        if (config.mode != ClusterMode::Cluster || keys.singleSlot(queue))
            queues.append(queue);
    }
    queues.sort();
    return queues;
}

void BullMqBackend::discoverIfDue(redis::CallStats* cost)
{
    const auto now = m_clock.now();
    if (!m_scanning && m_lastDiscovery
        && now - *m_lastDiscovery < m_config.queueSystem.discoveryInterval)
        return;
    if (!m_scanning) {
        m_scanFound.clear();
        m_cursors.clear();
        m_scanning = true;
    }
    for (int step = 0; step < scanStepsPerDiscovery && m_scanning; ++step)
        m_scanning = scanStep(*m_client, m_config.name, m_keys, m_cursors, m_scanFound, cost);
    if (!m_scanning || m_queues.isEmpty()) {
        // A finished cycle replaces what the last one found; until the first cycle finishes,
        // what it has found so far is shown.
        m_queues.clear();
        for (const QString& queue : std::as_const(m_scanFound)) {
            if (readable(queue))
                m_queues.append(queue);
        }
        m_lastDiscovery = now;
    }
}

ClusterStats BullMqBackend::poll()
{
    bool moved = false;
    ClusterStats stats = pollOnce(&moved);
    if (moved) {
        // The slot map changed under us (resharding, failover): read it again and poll once
        // more, so the figures never mix two layouts.
        m_client->refreshTopology();
        stats = pollOnce(&moved);
        if (moved)
            throw redis::ConnectionError(redis::ConnectionError::Kind::ClusterDown, m_config.name,
                m_config.endpoint, QStringLiteral("slots keep moving; stats skipped this poll"));
    }
    return stats;
}

ClusterStats BullMqBackend::pollOnce(bool* topologyMoved)
{
    QElapsedTimer elapsed;
    elapsed.start();
    redis::CallStats cost;
    discoverIfDue(&cost);

    QSet<QString> known(m_queues.cbegin(), m_queues.cend());
    for (const QString& queue : std::as_const(m_workerQueues)) {
        if (readable(queue))
            known.insert(queue);
    }
    QStringList queues(known.cbegin(), known.cend());
    std::sort(queues.begin(), queues.end());

    const QDateTime wallNow = m_clock.wallNow();
    const qint64 windowStart = wallNow.toMSecsSinceEpoch() - rateWindow.count();
    // Each master reads the queues of the slots it serves (all of them outside Redis Cluster).
    QHash<QString, QStringList> queuesOf;
    const QList<redis::NodeResult> results = m_client->perMaster(
        [&](const redis::NodeInfo& node) {
            QStringList& mine = queuesOf[node.address()];
            for (const QString& queue : std::as_const(queues)) {
                if (m_client->owns(node, m_keys.key(queue, u"meta")))
                    mine.append(queue);
            }
            QList<Command> commands = bullmq::pollCommands(m_keys, mine, windowStart);
            commands.append(Command {"INFO"});
            return redis::Pipeline(commands);
        },
        &cost);

    *topologyMoved = false;
    QList<bullmq::QueueCounts> allCounts;
    QList<QByteArray> infos;
    bool workersKnown = true;
    // In Redis Cluster a worker has a named connection to several masters; like
    // Queue.getWorkers(), each queue's workers are those of the master listing most of them.
    QHash<QString, QList<bullmq::WorkerConnection>> workersOf;
    for (const redis::NodeResult& result : results) {
        if (!result.ok())
            throw *result.error;
        QList<Reply> replies = result.replies;
        if (std::any_of(replies.cbegin(), replies.cend(),
                [](const Reply& r) { return r.isErrorCode("MOVED") || r.isErrorCode("ASK"); })) {
            *topologyMoved = true;
            continue;
        }
        const Reply info = replies.isEmpty() ? Reply() : replies.takeLast();
        if (info.isString())
            infos.append(info.toByteArray());
        const bullmq::PollReading reading
            = bullmq::readPoll(m_keys, queuesOf.value(result.node.address()), replies);
        if (!reading.error.isEmpty())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
                result.node.address(), QStringLiteral("BullMQ poll failed: %1").arg(reading.error));
        allCounts.append(reading.queues);
        workersKnown = workersKnown && reading.workersKnown;
        QHash<QString, QList<bullmq::WorkerConnection>> here;
        for (const bullmq::WorkerConnection& connection : reading.workers)
            here[connection.queue].append(connection);
        for (auto it = here.cbegin(); it != here.cend(); ++it) {
            if (it->size() > workersOf.value(it.key()).size())
                workersOf.insert(it.key(), *it);
        }
    }
    std::sort(allCounts.begin(), allCounts.end(),
        [](const bullmq::QueueCounts& a, const bullmq::QueueCounts& b) { return a.name < b.name; });
    bullmq::PollReading reading;
    reading.queues = allCounts;
    reading.workersKnown = workersKnown;
    for (const QList<bullmq::WorkerConnection>& connections : std::as_const(workersOf))
        reading.workers.append(connections);

    ClusterStats stats;
    stats.clusterName = m_config.name;
    stats.system = queueSystemTypeName(QueueSystemType::BullMQ);
    qint64 scheduled = 0;
    qint64 completedRecently = 0;
    qint64 failedRecently = 0;
    QSet<QString> sources;
    bool countersUsed = false;
    QHash<QString, Counters> counters;
    stats.queues.reserve(reading.queues.size());
    for (const bullmq::QueueCounts& counts : reading.queues) {
        QueueStat& queue = stats.queues.emplace_back();
        // Each queue's throughput from the best figure it has: the metrics counters when its
        // workers collect them; else the finish-time scores of the kept jobs; else, when
        // finished jobs are not kept (removeOnComplete and removeOnFail: fewer jobs exist than
        // ids were handed out), the growth of the id counter, which counts jobs added.
        const qint64 present = counts.waiting + counts.prioritized + counts.active + counts.delayed
            + counts.waitingChildren;
        const Counters now {counts.metricsCompleted, counts.metricsFailed, counts.lastId};
        const Counters before = m_counters.value(counts.name);
        counters.insert(counts.name, now);
        const auto growth = [](std::optional<qint64> a, std::optional<qint64> b) -> qint64 {
            return a && b ? std::max<qint64>(0, *b - *a) : 0;
        };
        if (counts.metricsCompleted || counts.metricsFailed) {
            queue.rateSource = QStringLiteral("metrics");
            m_counterTotals[0] += growth(before.metricsCompleted, now.metricsCompleted);
            m_counterTotals[1] += growth(before.metricsFailed, now.metricsFailed);
            countersUsed = true;
        } else if (counts.completed + counts.failed > 0 || !counts.lastId
            || *counts.lastId <= present) {
            queue.rateSource = QStringLiteral("finished_scores");
            completedRecently += counts.completedRecently;
            failedRecently += counts.failedRecently;
        } else {
            queue.rateSource = QStringLiteral("id_growth");
            m_counterTotals[2] += growth(before.lastId, now.lastId);
            countersUsed = true;
        }
        sources.insert(queue.rateSource);
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
        queue.states.prioritized = counts.prioritized;
        queue.states.waitingChildren = counts.waitingChildren;
    }
    stats.scheduledCount = scheduled;
    m_counters = counters;
    if (sources.size() == 1)
        stats.rateSource = *sources.cbegin();
    else
        stats.rateSource
            = sources.isEmpty() ? QStringLiteral("finished_scores") : QStringLiteral("mixed");

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
    stats.workersComplete = reading.workersKnown && !m_scanning;

    for (const QByteArray& info : std::as_const(infos))
        RedisInfo::addTo(info, stats.server);
    stats.server.masters = static_cast<int>(results.size());
    // Finished jobs in the window from their finish-time scores: the completed and failed
    // sets are trimmed by the producers, so their growth is no measure of throughput. The
    // counters (metrics, id) give rates over the polls of the same window.
    const double windowSeconds = static_cast<double>(rateWindow.count()) / 1000.0;
    const auto steadyNow = m_clock.now();
    m_samples.push_back({steadyNow, m_counterTotals});
    while (m_samples.size() > 2 && steadyNow - m_samples[1].at >= rateWindow)
        m_samples.pop_front();
    std::array<double, 3> perSecond {0, 0, 0};
    const double sampled = std::chrono::duration<double>(steadyNow - m_samples.front().at).count();
    if (sampled > 0) {
        for (size_t i = 0; i < perSecond.size(); ++i)
            perSecond[i]
                = static_cast<double>(m_counterTotals[i] - m_samples.front().totals[i]) / sampled;
    }
    stats.ratesKnown = !countersUsed || sampled > 0;
    const double completedPerSecond
        = static_cast<double>(completedRecently) / windowSeconds + perSecond[0];
    const double failedPerSecond
        = static_cast<double>(failedRecently) / windowSeconds + perSecond[1];
    stats.jobRate = completedPerSecond + perSecond[2];
    const double finishedPerSecond = completedPerSecond + failedPerSecond;
    stats.errorRate = finishedPerSecond > 0 ? failedPerSecond / finishedPerSecond : 0.0;
    stats.latencyMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
    stats.cost = PollCost {cost.roundTrips, cost.commands, cost.bytesSent, cost.bytesReceived};
    stats.polledAt = wallNow;
    m_lastCounts = reading.queues;
    return stats;
}

} // namespace qd
