#include "core/queues/sidekiq/SidekiqBackend.h"

#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QHash>

namespace qd {

namespace {

std::optional<qint64> ageMs(const QDateTime& now, std::optional<double> epochSeconds)
{
    if (!epochSeconds)
        return std::nullopt;
    const qint64 age = now.toMSecsSinceEpoch() - qint64(*epochSeconds * 1000.0);
    return std::max<qint64>(0, age);
}

QDateTime fromEpoch(std::optional<double> epochSeconds)
{
    return epochSeconds ? QDateTime::fromMSecsSinceEpoch(qint64(*epochSeconds * 1000.0), Qt::UTC)
                        : QDateTime();
}

} // namespace

SidekiqBackend::SidekiqBackend(
    ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
    : m_config(std::move(config))
    , m_client(std::move(client))
    , m_clock(clock)
    , m_reader(m_config.queueSystem.sidekiqNamespace, clock)
{
}

ClusterStats SidekiqBackend::poll()
{
    QElapsedTimer timer;
    timer.start();
    const sidekiq::Reading reading = m_reader.read(*m_client);
    ClusterStats stats = map(reading, m_config.name, m_config.queueSystem.sidekiqNamespace);
    // Sidekiq counts every execution in processed, failures included.
    m_rates.add(m_clock.now(), stats.completedCount, reading.failed);
    stats.ratesKnown = m_rates.known();
    stats.jobRate = m_rates.jobRate();
    stats.errorRate = m_rates.errorRate();
    stats.latencyMs = double(timer.nsecsElapsed()) / 1e6;
    return stats;
}

ClusterStats SidekiqBackend::map(
    const sidekiq::Reading& reading, const QString& clusterName, const QString& ns)
{
    ClusterStats stats;
    stats.clusterName = clusterName;
    stats.system = QStringLiteral("sidekiq");
    stats.rateSource = QStringLiteral("counters");
    stats.polledAt = reading.readAt;
    stats.server = reading.server;
    stats.cost = {reading.cost.roundTrips, reading.cost.commands, reading.cost.bytesSent,
        reading.cost.bytesReceived};
    stats.deadLetterCount = reading.dead;
    stats.retryCount = reading.retry;
    stats.scheduledCount = reading.scheduled;
    stats.processedTotal = reading.processed;
    stats.failedTotal = reading.failed;
    stats.completedCount = std::max<qint64>(0, reading.processed - reading.failed);

    // Running jobs per queue, from the live processes' records (≤ one heartbeat old).
    QHash<QString, qint64> active;
    for (const sidekiq::ProcessReading& process : reading.processes) {
        if (!process.alive)
            continue;
        for (const sidekiq::RunningJob& job : process.jobs)
            ++active[job.queue];
    }

    const QString prefix = QString::fromUtf8(sidekiq::SidekiqReader::keyPrefix(ns));
    stats.queues.reserve(reading.queues.size());
    for (const sidekiq::QueueReading& q : reading.queues) {
        QueueStat queue;
        queue.name = q.name;
        queue.key = prefix + QStringLiteral("queue:") + q.name;
        queue.length = q.length;
        queue.pausable = false;
        queue.states.active = active.value(q.name);
        // Sidekiq's Queue#latency: 0 for an empty queue.
        queue.oldestJobAgeMs
            = q.length == 0 ? std::optional<qint64>(0) : ageMs(reading.readAt, q.oldestEnqueuedAt);
        if (queue.oldestJobAgeMs
            && (!stats.oldestJobAgeMs || *queue.oldestJobAgeMs > *stats.oldestJobAgeMs))
            stats.oldestJobAgeMs = queue.oldestJobAgeMs;
        stats.queues.append(queue);
    }

    for (const sidekiq::ProcessReading& p : reading.processes) {
        WorkerStat worker;
        worker.id = p.identity;
        if (p.alive) {
            // A live hash always has Sidekiq's 60 s expiry; one without is still alive.
            worker.heartbeatTtlMs = p.ttlMs.value_or(0);
            worker.heartbeatAgeMs = ageMs(reading.readAt, p.beat);
            worker.processingLength = p.busy;
            worker.busy = int(p.busy);
            stats.processingCount += p.busy;
            ++*stats.workerCount;
        }
        worker.host = p.hostname;
        worker.pid = p.pid;
        worker.concurrency = p.concurrency;
        worker.queues = p.queues;
        worker.quiet = p.quiet;
        for (const sidekiq::RunningJob& job : p.jobs)
            worker.jobs.append(WorkerJob {job.jid, job.queue, job.jobClass, fromEpoch(job.runAt)});
        if (!worker.jobs.isEmpty())
            worker.currentJobId = worker.jobs.constFirst().id;
        stats.workers.append(worker);
    }
    stats.workersComplete = !reading.processesTruncated();
    return stats;
}

PollFailure SidekiqBackend::describeFailure(std::exception_ptr error) const
{
    try {
        std::rethrow_exception(error);
    } catch (const sidekiq::DataError& e) {
        return failure(
            QStringLiteral("cluster \"%1\": %2").arg(m_config.name, QString::fromUtf8(e.what())),
            Severity::Error, QStringLiteral("data"));
    } catch (...) {
        return QueueBackend::describeFailure(std::current_exception());
    }
}

} // namespace qd
