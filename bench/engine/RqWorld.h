#pragma once

#include <QString>

namespace qd::bench {

// An RQ 1.13 deployment written as RQ itself writes it (docs/queue-systems/rq.md): `queues`
// queues registered in rq:queues, each a list of job ids with their rq:job:<id> hashes, and
// the started, finished, failed, scheduled and deferred registries scored as RQ scores them;
// `workers` workers (rq:workers, rq:workers:<queue> and the rq:worker:<name> hashes with
// heartbeats and counters), the first `busy` of them running a job; and one abandoned job (a
// started entry whose score has passed, held by a worker that no longer exists). Job data are
// real pickles of the call, zlib-compressed as RQ stores them, so RQ's own API reads the world.
struct RqWorld {
    int queues = 20;
    int workers = 10;
    int busy = 6;

    static QString queueName(int index);
    static qint64 queuedIn(int index) { return 5 + index % 20; }
    static constexpr int kFinished = 10; // per queue, kept for RQ's default result_ttl
    static constexpr int kFailed = 2;
    static constexpr int kScheduled = 2;
    static constexpr int kDeferred = 1;
    static constexpr int kAbandoned = 1; // in the first queue

    // Writes the state into the Redis at endpoint (flushing the database first). Throws
    // ConnectionError.
    void seed(const QString& endpoint) const;
};

} // namespace qd::bench
