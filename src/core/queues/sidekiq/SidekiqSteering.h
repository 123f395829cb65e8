#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace qd::redis {
class RedisClient;
}

namespace qd::sidekiq {

// Sidekiq's sorted sets of jobs (deployment-wide, not per queue).
enum class JobSet { Dead, Retry, Schedule };
QByteArray jobSetName(JobSet set); // "dead", "retry", "schedule": the key without prefix
std::optional<JobSet> jobSetFromName(QStringView name);

// One member of a job set, with the bytes that identify it.
struct SetEntry {
    QByteArray raw; // the exact stored string: ZREM needs it
    double score = 0; // epoch seconds: time of death, next retry or scheduled run
    QString jid;
    QString queue; // the job's "queue": where a requeue pushes it; empty if unreadable
};

// The writes QueueDeck makes to a Sidekiq deployment, each one script or command doing what
// Sidekiq's own API does (docs/queue-systems/sidekiq.md, "Steering in plain Redis"). Every
// write goes to the master. Error replies throw DataError naming the key; a Redis that cannot
// be reached throws the Redis layer's ConnectionError. Stateless; any thread.
class SidekiqSteering final {
public:
    SidekiqSteering(redis::RedisClient& client, const QString& ns);

    qint64 size(JobSet set) const;
    // count members from position start: oldest score first, or newest first (the morgue's
    // order in Sidekiq's Web UI).
    QList<SetEntry> range(JobSet set, qint64 start, qint64 count, bool newestFirst = false) const;

    struct Requeued {
        qint64 moved = 0;
        qint64 gone = 0; // no longer in the set (requeued, deleted or retried meanwhile)
    };
    // Each entry (with a queue) in one script: ZREM its exact string and, only if that removed
    // it, SADD queues + LPUSH queue:<q> with enqueued_at reset and retry_count one lower, as
    // Sidekiq's Retry does. Exactly once against a concurrent requeue or the scheduler's pop.
    // A non-empty destination sends every job to that queue instead, its "queue" member changed
    // to match.
    Requeued requeue(JobSet set, const QList<SetEntry>& entries, double nowEpochSeconds,
        const QString& destination = {}) const;
    // UNLINK the set; returns how many jobs it held.
    qint64 purge(JobSet set) const;
    // UNLINK queue:<q> and SREM it from `queues` (Sidekiq's Queue#clear); returns its length.
    qint64 clearQueue(const QString& queue) const;

    enum class SignalResult { Sent, NotAProcess, NotRunning };
    // LPUSH signal to <identity>-signals with a 60 s expiry (Sidekiq's Process#signal), only
    // for a member of `processes` whose heartbeat hash is still there.
    SignalResult signal(const QString& identity, QByteArrayView signal) const;

    static constexpr int kBatch = 100;

private:
    QByteArray key(const QByteArray& name) const { return m_prefix + name; }

    redis::RedisClient& m_client;
    QByteArray m_prefix;
};

} // namespace qd::sidekiq
