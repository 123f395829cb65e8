#include "core/queues/rq/RqBackend.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/CallStats.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <utility>

namespace qd {

using redis::Command;
using redis::Reply;

RqBackend::RqBackend(
    ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
    : m_config(std::move(config)), m_client(std::move(client)), m_clock(clock)
{
}

void RqBackend::addCounterDeltas(const QList<rq::WorkerReading>& workers)
{
    QHash<QString, Counters> seen;
    for (const rq::WorkerReading& w : workers) {
        const Counters now {w.successful, w.failed};
        seen.insert(w.name, now);
        if (!m_polledBefore)
            continue; // the first poll is the baseline
        const auto before = m_lastCounters.constFind(w.name);
        const bool continues = before != m_lastCounters.cend()
            && now.successful >= before->successful && now.failed >= before->failed;
        m_doneByCounters += continues ? now.successful - before->successful : now.successful;
        m_failedByCounters += continues ? now.failed - before->failed : now.failed;
    }
    m_lastCounters = std::move(seen);
}

ClusterStats RqBackend::poll()
{
    QElapsedTimer elapsed;
    elapsed.start();
    redis::CallStats cost;
    const QDateTime wallNow = m_clock.wallNow();
    const qint64 nowSeconds = wallNow.toSecsSinceEpoch();

    QList<Reply> replies = m_client->pipeline(
        {rq::pollCommand(nowSeconds, m_noWritesFlag), Command {"INFO"}}, &cost);
    if (m_noWritesFlag && !replies.isEmpty() && replies.first().isError()
        && replies.first().toByteArray().contains("shebang")) {
        // Redis before 7.0 knows no script flags; the script only reads either way.
        m_noWritesFlag = false;
        replies = m_client->pipeline(
            {rq::pollCommand(nowSeconds, m_noWritesFlag), Command {"INFO"}}, &cost);
    }
    if (replies.size() != 2)
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
            m_config.endpoint, QStringLiteral("RQ poll: expected 2 replies"));
    const rq::Reading reading = rq::readPoll(replies.at(0));
    if (!reading.error.isEmpty())
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
            m_config.endpoint, QStringLiteral("RQ poll failed: %1").arg(reading.error));

    ClusterStats stats;
    stats.clusterName = m_config.name;
    stats.system = queueSystemTypeName(QueueSystemType::RQ);
    qint64 scheduled = 0;
    qint64 finished = 0;
    stats.queues.reserve(reading.queues.size());
    for (const rq::QueueCounts& counts : reading.queues) {
        QueueStat& queue = stats.queues.emplace_back();
        queue.name = counts.name;
        queue.key = QString::fromUtf8(rq::keys::queue(counts.name));
        queue.length = counts.queued;
        // rq:suspended holds every worker of the database, so every queue stands still.
        queue.paused = reading.suspended;
        queue.states.active = counts.started;
        queue.states.scheduled = counts.scheduled;
        queue.states.failed = counts.failed;
        queue.states.completed = counts.finished;
        if (counts.oldestEnqueuedAt)
            queue.oldestJobAgeMs = std::max<qint64>(0, counts.oldestEnqueuedAt->msecsTo(wallNow));
        if (queue.oldestJobAgeMs)
            stats.oldestJobAgeMs
                = std::max(stats.oldestJobAgeMs.value_or(0), *queue.oldestJobAgeMs);
        stats.processingCount += counts.started;
        stats.deadLetterCount += counts.failed;
        finished += counts.finished;
        scheduled += counts.scheduled;
    }
    stats.completedCount = finished;
    stats.scheduledCount = scheduled;

    int live = 0;
    for (const rq::WorkerReading& w : reading.workers) {
        WorkerStat& worker = stats.workers.emplace_back();
        worker.id = w.name;
        worker.host = w.hostname;
        worker.pid = w.pid;
        worker.queues = w.queues;
        // An RQ worker runs one job at a time (in a forked work horse).
        worker.concurrency = 1;
        worker.busy = w.currentJob.isEmpty() ? 0 : 1;
        worker.processingLength = *worker.busy;
        worker.currentJobId = w.currentJob;
        worker.idle = w.state == QStringLiteral("idle");
        worker.quiet = w.state == QStringLiteral("suspended");
        worker.stopping = w.shutdownRequested;
        // The hash has no TTL only when something other than RQ wrote it: present, then.
        worker.heartbeatTtlMs = std::max<qint64>(0, w.ttlMs);
        if (w.lastHeartbeat)
            worker.heartbeatAgeMs = std::max<qint64>(0, w.lastHeartbeat->msecsTo(wallNow));
        if (!w.currentJob.isEmpty())
            worker.jobs.append(WorkerJob {
                w.currentJob, w.jobOrigin, w.jobDescription, w.jobStartedAt.value_or(QDateTime())});
        ++live;
    }
    // Started jobs past their timeout were held by a worker that died: each such worker is
    // shown as an orphan (no heartbeat) holding them.
    QSet<QString> liveNames;
    for (const rq::WorkerReading& w : reading.workers)
        liveNames.insert(w.name);
    QHash<QString, qsizetype> orphans;
    for (const rq::AbandonedJob& job : reading.abandoned) {
        QString holder = job.worker.isEmpty() ? QStringLiteral("(unknown worker)") : job.worker;
        // A live worker of that name is a later run of it (RQ reuses names across restarts):
        // the orphan is the run that died.
        if (liveNames.contains(holder))
            holder += QStringLiteral(" (previous run)");
        qsizetype index = orphans.value(holder, -1);
        if (index < 0) {
            index = stats.workers.size();
            orphans.insert(holder, index);
            WorkerStat& orphan = stats.workers.emplace_back();
            orphan.id = holder;
        }
        WorkerStat& orphan = stats.workers[index];
        orphan.processingLength += 1;
        orphan.jobs.append(
            WorkerJob {job.id, job.queue, job.description, job.startedAt.value_or(QDateTime())});
    }
    stats.workerCount = live;
    stats.workersComplete = true;

    // Rates: the workers' counters where workers are seen, else the growth of the finished
    // and failed registries (which RQ trims by their TTLs, so a drop is taken as a reset).
    addCounterDeltas(reading.workers);
    const auto steadyNow = m_clock.now();
    m_counterRates.add(steadyNow, m_doneByCounters, m_failedByCounters);
    m_listRates.add(steadyNow, finished, stats.deadLetterCount);
    m_polledBefore = true;
    const RateTracker& rates = live > 0 ? m_counterRates : m_listRates;
    stats.rateSource = live > 0 ? QStringLiteral("counters") : QStringLiteral("list_growth");
    stats.ratesKnown = rates.known();
    stats.jobRate = rates.jobRate();
    stats.errorRate = rates.errorRate();

    const Reply& info = replies.at(1);
    if (info.isString())
        RedisInfo::addTo(info.toByteArray(), stats.server);
    stats.server.masters = 1;
    stats.latencyMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
    stats.cost = PollCost {cost.roundTrips, cost.commands, cost.bytesSent, cost.bytesReceived};
    stats.polledAt = wallNow;
    m_lastCounts = reading.queues;
    return stats;
}

} // namespace qd
