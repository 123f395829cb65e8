#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd {

// One configured queue as seen by one poll.
struct QueueStat {
    QString name; // logical name from queue_system.queues ("high")
    QString key; // its Redis list ("jobqueue:high_priority")
    qint64 length = 0;
    bool paused = false;
    friend bool operator==(const QueueStat&, const QueueStat&) = default;
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
    QList<QueueStat> queues; // configured order
    qint64 processingCount = 0; // sum of all processing lists
    qint64 deadLetterCount = 0;
    qint64 completedCount = 0;
    int workerCount = 0; // workers with a live heartbeat
    double jobRate = 0; // completed jobs per second
    double errorRate = 0; // dead-letter share of finished jobs over the rate window, 0..1
    bool ratesKnown = false; // false until two polls exist to derive rates from
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
