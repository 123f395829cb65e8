#pragma once

#include <QString>

namespace qd::bench {

// A Sidekiq deployment as Sidekiq 6.4 lays it out (docs/queue-systems/sidekiq.md): `queues`
// queues holding jobs, `processes` live processes with their heartbeat hash and `running` jobs
// each in `<identity>:workers`, and schedule, retry and dead sets. Jobs and hashes have the
// fields and sizes Sidekiq writes, so byte counts are realistic.
struct SidekiqWorld {
    int queues = 20;
    int processes = 10;
    int running = 2; // per process
    QString ns; // redis-namespace prefix, empty for none

    static QString queueName(int index);
    static QString identity(int index);
    static qint64 jobsIn(int index) { return 5 + index % 20; }
    // Heartbeats outlive the benchmark (Sidekiq refreshes them every 5 s; nobody does here).
    static constexpr int kHeartbeatSeconds = 3600;

    // Writes the state into the Redis at endpoint (flushing the database first). Throws
    // ConnectionError.
    void seed(const QString& endpoint) const;
};

} // namespace qd::bench
