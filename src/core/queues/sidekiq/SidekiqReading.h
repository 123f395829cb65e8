#pragma once

#include "core/redis/CallStats.h"
#include "core/stats/ClusterStats.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>

namespace qd::sidekiq {

// One queue: `queue:<name>` and the age of its oldest entry.
struct QueueReading {
    QString name; // as stored in the `queues` set (no namespace)
    qint64 length = 0;
    // enqueued_at of the entry at the list's tail (epoch seconds); nullopt for an empty queue
    // or an entry without a readable enqueued_at.
    std::optional<double> oldestEnqueuedAt;
    friend bool operator==(const QueueReading&, const QueueReading&) = default;
};

// One job a process is running, from its `<identity>:workers` (6.4) or `:work` (6.5+) hash.
struct RunningJob {
    QString thread; // the hash field: Sidekiq's thread id
    QString queue;
    QString jobClass;
    QString jid;
    std::optional<double> runAt; // epoch seconds
    QByteArray payload; // the job JSON as Sidekiq stored it
    friend bool operator==(const RunningJob&, const RunningJob&) = default;
};

// One member of the `processes` set and its heartbeat hash.
struct ProcessReading {
    QString identity;
    // False when the heartbeat hash has no `info`: it expired, the process is gone and only
    // Sidekiq's own ProcessSet cleanup will remove it from the set.
    bool alive = false;
    QByteArray info; // the raw `info` JSON
    QString hostname;
    QString tag;
    std::optional<qint64> pid;
    std::optional<int> concurrency;
    QStringList queues;
    qint64 busy = 0;
    std::optional<double> beat; // epoch seconds
    bool quiet = false;
    std::optional<qint64> ttlMs; // PTTL of the heartbeat hash; nullopt when missing or no TTL
    QString jobsKey; // "workers" or "work": where the running jobs were found (empty if none)
    QList<RunningJob> jobs;
    friend bool operator==(const ProcessReading&, const ProcessReading&) = default;
};

// Everything one poll of a Sidekiq deployment read, with raw figures as Sidekiq keeps them.
struct Reading {
    qint64 processed = 0; // stat:processed (every execution, failures included)
    qint64 failed = 0; // stat:failed
    qint64 scheduled = 0; // ZCARD schedule
    qint64 retry = 0; // ZCARD retry
    qint64 dead = 0; // ZCARD dead
    QList<QueueReading> queues; // sorted by name
    QList<ProcessReading> processes; // sorted by identity
    // Members of `queues` / `processes` in Redis; more than listed when the reader's bounds cut
    // them.
    qint64 queuesTotal = 0;
    qint64 processesTotal = 0;
    // Content that could not be understood but does not make the reading wrong (a process's
    // `info` that is not JSON, a running job without a payload): one sentence each, naming
    // the key.
    QStringList problems;
    RedisServerStat server; // INFO memory, clients and stats, read in the same round trip
    QDateTime readAt; // UTC, from the reader's clock
    redis::CallStats cost;

    bool queuesTruncated() const { return queuesTotal > queues.size(); }
    bool processesTruncated() const { return processesTotal > processes.size(); }
};

// Redis answered, but a Sidekiq key holds something Sidekiq never writes there (a wrong type,
// a counter that is no integer) or the script's reply has the wrong shape.
class DataError final : public std::runtime_error {
public:
    DataError(QString key, QString reason);
    const QString& key() const { return m_key; }
    const QString& reason() const { return m_reason; }

private:
    QString m_key;
    QString m_reason;
};

} // namespace qd::sidekiq
