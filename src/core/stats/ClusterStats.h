#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace qd {

// A queue's jobs by state, beyond the waiting ones (QueueStat::length). Queue systems keep
// different states: nullopt means "this system has no such state for a queue" (the API writes
// null, the desktop hides the column), never "none right now", which is 0.
struct QueueStates {
    std::optional<qint64> active; // taken by a worker, not finished
    std::optional<qint64> scheduled; // delayed until a time
    std::optional<qint64> retry; // failed, waiting for another attempt
    std::optional<qint64> failed; // failed for good (dead letters)
    std::optional<qint64> completed; // finished and kept
    std::optional<qint64> prioritized; // waiting, ordered by priority (BullMQ; part of length)
    std::optional<qint64> waitingChildren; // flow parents waiting for their children (BullMQ)
    friend bool operator==(const QueueStates&, const QueueStates&) = default;
};

// One queue as seen by one poll: a configured one, or one the system lists itself.
struct QueueStat {
    QueueStat() = default;
    // The figures every system has; the rest are filled in by name.
    QueueStat(QString queueName, QString queueKey, qint64 waiting = 0, bool isPaused = false)
        : name(std::move(queueName)), key(std::move(queueKey)), length(waiting), paused(isPaused)
    {
    }

    QString name; // logical name ("high", Sidekiq's "default")
    QString key; // its Redis key ("jobqueue:high_priority", "queue:default")
    qint64 length = 0; // waiting jobs
    bool paused = false;
    // False where the system has no persistent pause (Sidekiq): the desktop shows "cannot
    // pause" and the engine refuses pause_queue.
    bool pausable = true;
    QueueStates states;
    // Age of the oldest waiting job (queue latency), where the payload carries an enqueue time.
    std::optional<qint64> oldestJobAgeMs;
    // Where the queue's share of the rates comes from, where it differs per queue (BullMQ);
    // empty elsewhere.
    QString rateSource;
    friend bool operator==(const QueueStat&, const QueueStat&) = default;
};

// A job a worker holds right now.
struct WorkerJob {
    QString id;
    QString queue;
    QString jobClass; // what runs, where the system says ("HardWorker")
    QDateTime startedAt; // UTC; invalid when unknown
    friend bool operator==(const WorkerJob&, const WorkerJob&) = default;
};

// One worker known from its processing list or heartbeat key.
struct WorkerStat {
    QString id;
    qint64 processingLength = 0;
    // Remaining TTL of the heartbeat key; nullopt when there is no heartbeat.
    std::optional<qint64> heartbeatTtlMs;
    // How long ago the heartbeat was last refreshed (heartbeat TTL - remaining TTL); nullopt
    // without a heartbeat.
    std::optional<qint64> heartbeatAgeMs;
    QString currentJobId; // the id of the job in the heartbeat payload, when readable
    // When a poll last saw this worker alive (its heartbeat present); set by WorkerRoster.
    std::optional<QDateTime> lastSeen;
    // Not listed by this poll (no heartbeat, no processing list) but seen alive within the
    // roster's window: a worker between jobs, kept listed rather than dropped.
    bool idle = false;
    // Process-based systems (Sidekiq) say more about a worker process; empty/nullopt elsewhere.
    QString host;
    std::optional<qint64> pid;
    std::optional<int> busy; // jobs in progress as the process reports it
    std::optional<int> concurrency; // threads or slots
    QStringList queues; // the queues it takes from
    bool quiet = false; // takes no new jobs
    bool stopping = false; // shutting down
    QList<WorkerJob> jobs;
    bool live() const { return heartbeatTtlMs.has_value(); }
    // Jobs held by a worker that no longer beats: the reaper's business, an operator's concern.
    bool orphaned() const { return processingLength > 0 && !heartbeatTtlMs.has_value(); }
    friend bool operator==(const WorkerStat&, const WorkerStat&) = default;
};

// Figures of the Redis server(s) behind a cluster (summed over masters in Redis Cluster).
struct RedisServerStat {
    qint64 usedMemory = 0;
    qint64 maxMemory = 0; // 0: no limit
    qint64 connectedClients = 0;
    double opsPerSec = 0;
    int masters = 0;
    friend bool operator==(const RedisServerStat&, const RedisServerStat&) = default;
};

// What one poll cost Redis and the network.
struct PollCost {
    qint64 roundTrips = 0;
    qint64 commands = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    friend bool operator==(const PollCost&, const PollCost&) = default;
};

// The API specification's ClusterStats plus what an operator needs to act on it. Produced by
// one poll.
struct ClusterStats {
    QString clusterName;
    QString system; // queueSystemTypeName of the cluster's queue system
    QList<QueueStat> queues; // configured order
    qint64 processingCount = 0; // sum of all processing lists
    qint64 deadLetterCount = 0;
    // False where the system keeps its failures out of a poll's reach (Celery: in the result
    // backend, one key per task): deadLetterCount then says nothing, the API writes null and
    // the dead-letter rules stay silent.
    bool deadLettersKnown = true;
    qint64 completedCount = 0;
    // False where the system keeps no count of completed jobs (Celery: successes are results
    // that expire, never counted): the API writes null and the gauge is left out.
    bool completedKnown = true;
    // Workers with a live heartbeat; nullopt when the system cannot tell (BullMQ where CLIENT
    // LIST is refused): unknown is not the same as none, and must never read as 0.
    std::optional<int> workerCount {0};
    double jobRate = 0; // completed jobs per second
    double errorRate = 0; // dead-letter share of finished jobs over the rate window, 0..1
    bool ratesKnown = false; // false until two polls exist to derive rates from
    // Where the rates come from: "list_growth" (completed and dead-letter lists) or "counters"
    // (the system's own processed and failed counters).
    QString rateSource;
    // Deployment-wide figures some systems keep (nullopt where the system has none).
    std::optional<qint64> scheduledCount;
    std::optional<qint64> retryCount;
    std::optional<qint64> processedTotal; // the system's counter, failures included
    std::optional<qint64> failedTotal;
    std::optional<qint64> oldestJobAgeMs; // the oldest waiting job over all queues
    QList<WorkerStat> workers;
    bool workersComplete = false; // a full SCAN cycle has been seen at least once
    RedisServerStat server;
    double latencyMs = 0; // wall time of the poll
    PollCost cost;
    QDateTime polledAt; // UTC

    qint64 totalQueued() const;
    QMap<QString, qint64> queueSizes() const; // logical name -> length
    QStringList pausedQueues() const;
    QStringList orphanedWorkers() const;
};

} // namespace qd
