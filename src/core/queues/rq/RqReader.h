#pragma once

#include "core/redis/Command.h"
#include "core/redis/Reply.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::rq {

// RQ's fixed key names (docs/queue-systems/rq.md). Deployments are told apart by database
// number, never by a prefix.
namespace keys {
inline constexpr QStringView queues = u"rq:queues"; // set of queue keys
inline constexpr QStringView queuePrefix = u"rq:queue:"; // list of job ids, oldest at 0
inline constexpr QStringView workers = u"rq:workers"; // set of worker keys
inline constexpr QStringView workerPrefix = u"rq:worker:"; // hash per worker
inline constexpr QStringView jobPrefix = u"rq:job:"; // hash per job
inline constexpr QStringView suspended = u"rq:suspended"; // stops every worker of the database
QByteArray queue(const QString& name);
QByteArray registry(QStringView kind, const QString& queue); // "rq:<kind>:<queue>"
QByteArray job(const QString& id);
} // namespace keys

// What one queue holds, per RQ registry, as RQ's own counts would report it at the time of the
// reading: a registry entry whose score (an expiry time) has passed is left out, as RQ's
// cleanup would drop it (finished, failed) or move it (started: to failed).
struct QueueCounts {
    QString name;
    qint64 queued = 0; // LLEN of the queue list (Queue.count)
    qint64 started = 0; // wip entries still within their timeout
    qint64 abandoned = 0; // wip entries past it: their worker died holding them
    qint64 finished = 0;
    qint64 failed = 0;
    qint64 scheduled = 0;
    qint64 deferred = 0;
    qint64 canceled = 0;
    std::optional<QDateTime> oldestEnqueuedAt; // of the job at index 0
    friend bool operator==(const QueueCounts&, const QueueCounts&) = default;
};

// A worker's hash (rq:worker:<name>), as RQ's Worker.refresh() reads it.
struct WorkerReading {
    QString name;
    qint64 ttlMs = 0; // PTTL of the hash: RQ's heartbeat extends it
    QString state; // started, idle, busy, suspended
    QString currentJob;
    std::optional<QDateTime> lastHeartbeat;
    qint64 successful = 0;
    qint64 failed = 0;
    QStringList queues;
    QString hostname;
    std::optional<qint64> pid;
    bool shutdownRequested = false;
    // The current job's hash, when there is one.
    QString jobOrigin;
    QString jobDescription;
    std::optional<QDateTime> jobStartedAt;
};

// A started job past its timeout: RQ's cleanup would move it to failed. Up to a bounded number
// per queue are listed.
struct AbandonedJob {
    QString id;
    QString queue;
    QString worker; // the job hash's worker_name; empty when unknown
    QString description;
    std::optional<QDateTime> startedAt;
};

struct Reading {
    QList<QueueCounts> queues; // sorted by name
    QList<WorkerReading> workers; // with a hash; names in rq:workers without one are left out
    QList<AbandonedJob> abandoned;
    bool suspended = false;
    QString error; // a reply that makes the reading unusable, empty when fine
};

// How many abandoned jobs per queue the poll lists by id (all are counted).
inline constexpr int abandonedListed = 50;

// The poll's one read-only script (EVAL; `#!lua flags=no-writes` when noWritesFlag, for Redis
// 7+, so that Redis itself refuses any write). nowSeconds is the Unix time RQ's cleanup would
// compare registry scores with.
redis::Command pollCommand(qint64 nowSeconds, bool noWritesFlag);

// Reads pollCommand()'s reply.
Reading readPoll(const redis::Reply& reply);

// RQ's timestamps ("2026-01-02T03:04:05.123456Z", UTC); nullopt when empty or malformed.
std::optional<QDateTime> parseTime(QByteArrayView text);

} // namespace qd::rq
