#include "core/queues/GoRedisWorkQueue.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <utility>

namespace qd {

using redis::Command;
using redis::NodeInfo;
using redis::Reply;

namespace {

QByteArray utf8(const QString& text)
{
    return text.toUtf8();
}

QString jobIdOf(const QByteArray& payload)
{
    const QJsonObject job = QJsonDocument::fromJson(payload).object();
    const QJsonValue id = job.value(QStringLiteral("id"));
    return id.isString() ? id.toString()
                         : (id.isDouble() ? QString::number(id.toDouble(), 'f', 0) : QString());
}

} // namespace

// What the reply at the same position in a node's pipeline means.
struct GoRedisWorkQueue::Item {
    enum class Kind {
        QueueLength,
        OldestJob,
        Paused,
        Completed,
        DeadLetter,
        ProcessingLength,
        HeartbeatTtl,
        CurrentJob,
        Scan,
        Info
    };
    Kind kind;
    const char* verb; // for error messages
    qsizetype queue = -1;
    qsizetype worker = -1; // index into the workers the plan was built for
};

// A node's poll: every command but the SCAN step, encoded once, and what each reply means.
// The SCAN step, whose cursor changes on every poll, goes last.
struct GoRedisWorkQueue::Plan {
    redis::Pipeline pipeline;
    redis::Pipeline::Mark fixedEnd; // where the SCAN step starts
    QList<Item> items;

    void add(const Command& command, const Item& item)
    {
        pipeline.add(command);
        items.append(item);
    }
};

GoRedisWorkQueue::GoRedisWorkQueue(
    ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
    : m_config(std::move(config)), m_client(std::move(client)), m_clock(clock)
{
}

GoRedisWorkQueue::~GoRedisWorkQueue() = default;

GoRedisWorkQueue::Plan GoRedisWorkQueue::planFor(const NodeInfo& node) const
{
    const QueueSystemConfig& qs = m_config.queueSystem;
    Plan plan;
    const auto keyed = [&](const QString& key, Item item, const QByteArray& extra = {}) {
        const QByteArray bytes = utf8(key);
        if (!m_client->owns(node, bytes))
            return;
        Command command {item.verb, bytes};
        if (!extra.isEmpty())
            command.arg(extra);
        plan.add(command, item);
    };
    for (qsizetype i = 0; i < qs.queues.size(); ++i) {
        keyed(qs.queues[i].key, {Item::Kind::QueueLength, "LLEN", i, -1});
        // Producers LPUSH and workers take from the right: the oldest job is the last one.
        keyed(qs.queues[i].key, {Item::Kind::OldestJob, "LINDEX", i, -1}, "-1");
        keyed(qs.pauseKey(qs.queues[i].name), {Item::Kind::Paused, "EXISTS", i, -1});
    }
    keyed(qs.completedKey, {Item::Kind::Completed, "LLEN", -1, -1});
    keyed(qs.deadLetterKey, {Item::Kind::DeadLetter, "LLEN", -1, -1});
    for (qsizetype w = 0; w < m_workers.size(); ++w) {
        const QString& worker = m_workers[w];
        keyed(qs.processingKey(worker), {Item::Kind::ProcessingLength, "LLEN", -1, w});
        keyed(qs.heartbeatKey(worker), {Item::Kind::HeartbeatTtl, "PTTL", -1, w});
        keyed(qs.processingKey(worker), {Item::Kind::CurrentJob, "LINDEX", -1, w}, "0");
    }
    for (const char* section : {"memory", "clients", "stats"})
        plan.add(Command {"INFO", section}, {Item::Kind::Info, "INFO", -1, -1});
    plan.fixedEnd = plan.pipeline.mark();
    plan.items.append({Item::Kind::Scan, "SCAN", -1, -1}); // the command is added per poll
    // Kept until the workers or the slot map change: without the slack of growing (2000
    // clusters: 8 MB), with room for the SCAN step.
    plan.pipeline.shrinkToFit(kScanStepBytes);
    plan.items.squeeze();
    return plan;
}

GoRedisWorkQueue::Plan* GoRedisWorkQueue::findPlan(const QString& address)
{
    const auto found = std::find_if(
        m_plans.begin(), m_plans.end(), [&](const auto& plan) { return plan.first == address; });
    return found == m_plans.end() ? nullptr : &found->second;
}

void GoRedisWorkQueue::replanIfWorkersChanged()
{
    if (m_plannedFor == m_discovery.version())
        return;
    const QList<QString> previousWorkers = std::exchange(m_workers, m_discovery.known().values());
    std::sort(m_workers.begin(), m_workers.end());
    m_plans.clear();
    m_plannedFor = m_discovery.version();
    // Carry the parsed current jobs over to the new worker order; workers gone lose theirs.
    QHash<QString, CurrentJob> previous;
    for (qsizetype w = 0; w < previousWorkers.size(); ++w)
        previous.insert(previousWorkers[w], m_currentJobs.value(w));
    m_currentJobs.clear();
    m_currentJobs.reserve(m_workers.size());
    for (const QString& worker : std::as_const(m_workers))
        m_currentJobs.append(previous.value(worker));
}

QDateTime GoRedisWorkQueue::oldestCreation(qsizetype queue, const QByteArray& payload)
{
    if (m_oldestJobs.size() <= queue)
        m_oldestJobs.resize(queue + 1);
    OldestJob& oldest = m_oldestJobs[queue];
    if (oldest.payload != payload || oldest.payload.isNull()) {
        oldest.payload = payload;
        const QJsonValue time
            = QJsonDocument::fromJson(payload).object().value(QStringLiteral("creation_time"));
        oldest.created = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
    }
    return oldest.created;
}

QString GoRedisWorkQueue::currentJobId(qsizetype worker, const QByteArray& payload)
{
    CurrentJob& job = m_currentJobs[worker];
    if (job.payload != payload || job.payload.isNull()) {
        job.payload = payload;
        job.id = jobIdOf(payload);
    }
    return job.id;
}

ClusterStats GoRedisWorkQueue::poll()
{
    bool moved = false;
    ClusterStats stats = pollOnce(&moved);
    if (moved) {
        // The slot map changed under us (resharding, failover): read it again and poll once
        // more, so the figures never mix two layouts. Which node owns which key changed too.
        m_client->refreshTopology();
        m_plans.clear();
        stats = pollOnce(&moved);
        if (moved)
            throw redis::ConnectionError(redis::ConnectionError::Kind::ClusterDown, m_config.name,
                m_config.endpoint, QStringLiteral("slots keep moving; stats skipped this poll"));
    }
    return stats;
}

// What one poll has read so far, filled in node by node.
struct GoRedisWorkQueue::Reading {
    ClusterStats stats;
    QList<WorkerStat> byWorker; // indexed like m_workers
    QList<bool> answered; // whether any node answered for that worker
    QSet<QString> nodes; // the masters that answered
    bool topologyMoved = false; // a reply said MOVED or ASK
};

ClusterStats GoRedisWorkQueue::pollOnce(bool* topologyMoved)
{
    QElapsedTimer elapsed;
    elapsed.start();
    replanIfWorkersChanged();

    redis::CallStats cost;
    const QList<redis::NodeResult> results = sendPlans(&cost);

    Reading reading;
    reading.stats.clusterName = m_config.name;
    reading.stats.system = queueSystemTypeName(QueueSystemType::GoRedisWorkQueue);
    reading.stats.rateSource = QStringLiteral("list_growth");
    reading.stats.queues.reserve(m_config.queueSystem.queues.size());
    for (const QueueKey& queue : m_config.queueSystem.queues) {
        QueueStat& stat = reading.stats.queues.emplace_back();
        stat.name = queue.name;
        stat.key = queue.key;
    }
    reading.byWorker.resize(m_workers.size());
    reading.answered.fill(false, m_workers.size());
    for (const redis::NodeResult& result : results)
        readNode(result, reading);
    *topologyMoved = reading.topologyMoved;
    forgetNodesGone(reading.nodes);
    addWorkers(reading);

    ClusterStats& stats = reading.stats;
    stats.server.masters = static_cast<int>(reading.nodes.size());
    for (const QueueStat& queue : std::as_const(stats.queues)) {
        if (queue.oldestJobAgeMs)
            stats.oldestJobAgeMs
                = std::max(stats.oldestJobAgeMs.value_or(0), *queue.oldestJobAgeMs);
    }
    m_rates.add(m_clock.now(), stats.completedCount, stats.deadLetterCount);
    stats.ratesKnown = m_rates.known();
    stats.jobRate = m_rates.jobRate();
    stats.errorRate = m_rates.errorRate();
    stats.latencyMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
    stats.cost = PollCost {cost.roundTrips, cost.commands, cost.bytesSent, cost.bytesReceived};
    stats.polledAt = m_clock.wallNow();
    return stats;
}

QList<redis::NodeResult> GoRedisWorkQueue::sendPlans(redis::CallStats* cost)
{
    const QueueSystemConfig& qs = m_config.queueSystem;
    return m_client->perMaster(
        [&](const NodeInfo& node) {
            const QString address = node.address();
            Plan* plan = findPlan(address);
            if (plan == nullptr)
                plan = &m_plans.emplace_back(address, planFor(node)).second;
            plan->pipeline.rewind(plan->fixedEnd);
            plan->pipeline.add(Command {"SCAN", m_discovery.cursor(address), "MATCH",
                utf8(qs.processingPattern), "COUNT", QByteArray::number(qs.scanCount)});
            return plan->pipeline;
        },
        cost);
}

void GoRedisWorkQueue::readNode(const redis::NodeResult& result, Reading& reading)
{
    if (!result.ok())
        throw *result.error;
    const QString address = result.node.address();
    reading.nodes.insert(address);
    const Plan* found = findPlan(address);
    if (found == nullptr)
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name, address,
            QStringLiteral("replies from a node that was sent nothing"));
    const Plan& plan = *found;
    if (result.replies.size() != plan.items.size())
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name, address,
            QStringLiteral("expected %1 replies, got %2")
                .arg(plan.items.size())
                .arg(result.replies.size()));
    for (qsizetype i = 0; i < plan.items.size(); ++i) {
        const Item& item = plan.items[i];
        const Reply& reply = result.replies[i];
        if (reply.isErrorCode("MOVED") || reply.isErrorCode("ASK")) {
            reading.topologyMoved = true;
            continue;
        }
        if (reply.isError())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
                address,
                QStringLiteral("%1 failed: %2")
                    .arg(QString::fromUtf8(item.verb), reply.toString()));
        readReply(item, reply, address, reading);
    }
}

void GoRedisWorkQueue::readReply(
    const Item& item, const Reply& reply, const QString& address, Reading& reading)
{
    ClusterStats& stats = reading.stats;
    switch (item.kind) {
    case Item::Kind::QueueLength:
        stats.queues[item.queue].length = reply.toInteger();
        break;
    case Item::Kind::OldestJob:
        if (reply.isString()) {
            const QDateTime created = oldestCreation(item.queue, reply.toByteArray());
            if (created.isValid())
                stats.queues[item.queue].oldestJobAgeMs
                    = std::max<qint64>(0, created.msecsTo(m_clock.wallNow()));
        }
        break;
    case Item::Kind::Paused:
        stats.queues[item.queue].paused = reply.toInteger() > 0;
        break;
    case Item::Kind::Completed:
        stats.completedCount = reply.toInteger();
        break;
    case Item::Kind::DeadLetter:
        stats.deadLetterCount = reply.toInteger();
        break;
    case Item::Kind::ProcessingLength:
        reading.byWorker[item.worker].processingLength = reply.toInteger();
        reading.answered[item.worker] = true;
        break;
    case Item::Kind::HeartbeatTtl: {
        const qint64 ttl = reply.toInteger(); // -2: no key, -1: no expiry
        WorkerStat& worker = reading.byWorker[item.worker];
        reading.answered[item.worker] = true;
        if (ttl != -2) {
            worker.heartbeatTtlMs = std::max<qint64>(ttl, 0);
            if (ttl >= 0)
                worker.heartbeatAgeMs
                    = std::max<qint64>(0, m_config.queueSystem.heartbeatTtl.count() - ttl);
        }
        break;
    }
    case Item::Kind::CurrentJob:
        reading.answered[item.worker] = true;
        if (reply.isString())
            reading.byWorker[item.worker].currentJobId
                = currentJobId(item.worker, reply.toByteArray());
        break;
    case Item::Kind::Scan:
        readScanStep(reply, address);
        break;
    case Item::Kind::Info:
        RedisInfo::addTo(reply.toByteArray(), stats.server);
        break;
    }
}

void GoRedisWorkQueue::readScanStep(const Reply& reply, const QString& address)
{
    if (reply.size() != 2)
        return;
    QSet<QString> found;
    for (const Reply& key : reply.at(1).elements()) {
        const QString id = m_config.queueSystem.workerIdFromProcessingKey(key.toString());
        if (!id.isEmpty())
            found.insert(id);
    }
    m_discovery.advance(address, reply.at(0).toByteArray(), found);
}

void GoRedisWorkQueue::forgetNodesGone(const QSet<QString>& nodes)
{
    m_discovery.retainNodes(nodes);
    std::erase_if(m_plans, [&](const auto& plan) { return !nodes.contains(plan.first); });
}

void GoRedisWorkQueue::addWorkers(Reading& reading) const
{
    ClusterStats& stats = reading.stats;
    stats.workers.reserve(m_workers.size());
    // In m_workers' order, which is sorted by id.
    for (qsizetype w = 0; w < m_workers.size(); ++w) {
        if (!reading.answered[w])
            continue;
        WorkerStat worker = reading.byWorker[w];
        worker.id = m_workers[w];
        // A worker with nothing in hand and no heartbeat has left; the next completed SCAN
        // cycle forgets it.
        if (worker.processingLength == 0 && !worker.live())
            continue;
        stats.processingCount += worker.processingLength;
        *stats.workerCount += worker.live() ? 1 : 0;
        stats.workers.append(worker);
    }
    stats.workersComplete = m_discovery.complete();
}

} // namespace qd
