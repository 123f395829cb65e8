#pragma once

#include "core/redis/Command.h"
#include "core/redis/Reply.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::bullmq {

// BullMQ's key layout (docs/queue-systems/bullmq.md): every key of queue q is
// "<prefix>:<q>:<suffix>", the job hashes are "<prefix>:<q>:<id>", and a worker is a client
// connection named "<prefix>:<base64 q>" or "<prefix>:<base64 q>:w:<worker name>".
class Keys final {
public:
    explicit Keys(QString prefix) : m_prefix(std::move(prefix)) { }

    const QString& prefix() const { return m_prefix; }
    QByteArray key(const QString& queue, QStringView suffix) const;
    // The SCAN pattern that finds every queue's meta hash and, for queues of old BullMQ
    // versions that have none, its id counter (one glob for both: "...:[mi][ed]*").
    QByteArray discoveryPattern() const;
    // The queue of a "<prefix>:<q>:meta" or "<prefix>:<q>:id" key; empty when the key is
    // something else.
    QString queueOfDiscoveryKey(const QString& key) const;
    // Whether every key of the queue hashes to one Redis Cluster slot: the first "{" of
    // "<prefix>:<queue>:" opens a non-empty hash tag that closes there too, so no suffix (or
    // job id) changes it.
    bool singleSlot(const QString& queue) const;
    // The base of a queue's worker connection names ("<prefix>:<base64 q>").
    QString connectionName(const QString& queue) const;

private:
    QString m_prefix;
};

// What one queue holds, per BullMQ state, as getJobCounts() names them.
struct QueueCounts {
    QString name;
    qint64 waiting = 0; // the wait list (paused jobs stay there)
    qint64 prioritized = 0;
    qint64 active = 0;
    qint64 delayed = 0;
    qint64 completed = 0; // kept, as trimmed by the producers' removeOnComplete
    qint64 failed = 0;
    qint64 waitingChildren = 0;
    bool paused = false;
    // Finished in the rate window, from the finish-time scores of completed and failed.
    qint64 completedRecently = 0;
    qint64 failedRecently = 0;
    std::optional<QDateTime> oldestWaiting; // the enqueue time of the next job of the wait list
    // The counters of BullMQ's optional metrics (`count` of metrics:completed/failed), unset
    // when the workers do not collect metrics.
    std::optional<qint64> metricsCompleted;
    std::optional<qint64> metricsFailed;
    std::optional<qint64> lastId; // the `id` counter: the last job id handed out
    friend bool operator==(const QueueCounts&, const QueueCounts&) = default;
};

// A live worker connection (CLIENT LIST).
struct WorkerConnection {
    QString connectionName; // as set by BullMQ
    QString queue;
    QString workerName; // the Worker's `name` option; empty when unnamed
    QString address; // host:port of the client
    qint64 ageSeconds = 0;
    qint64 idleSeconds = 0;
};

// The poll's commands for the given queues: plain reads only (LLEN, ZCARD, ZCOUNT, HEXISTS,
// HGET, GET, CLIENT LIST) and one read-only script for the oldest waiting job's enqueue time.
// windowStartMs is the start of the rate window in Unix milliseconds.
QList<redis::Command> pollCommands(
    const Keys& keys, const QStringList& queues, qint64 windowStartMs);

struct PollReading {
    QList<QueueCounts> queues;
    QList<WorkerConnection> workers;
    bool workersKnown = false; // false when CLIENT LIST is refused (managed Redis)
    QString error; // a reply that makes the reading unusable, empty when fine
};
// Reads pollCommands()' replies, in the same order.
PollReading readPoll(
    const Keys& keys, const QStringList& queues, const QList<redis::Reply>& replies);

// The worker connections of CLIENT LIST's text for these keys; the queue named in each
// connection name is decoded even when it is not among the known queues.
QList<WorkerConnection> workerConnections(const Keys& keys, const QByteArray& clientList);

} // namespace qd::bullmq
