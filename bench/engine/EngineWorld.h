#pragma once

#include "core/config/Config.h"

#include <QString>
#include <QStringList>

namespace qd::bench {

// The state every benchmarked Redis holds: `queues` queues with jobs, `workers` busy workers
// (a processing list holding one job and a live heartbeat key each), a completed list and a few
// dead letters, all in the key layout of docs/queue-systems/go-redis-work-queue.md. The same shape
// drives the config, so QueueDeck is told about exactly the queues that exist.
struct EngineWorld {
    int queues = 100;
    int workers = 200;

    static QString queueName(int index);
    static QString workerId(int index);
    // Heartbeats outlive the benchmark; the config's heartbeat_ttl matches so ages stay sane.
    static constexpr int kHeartbeatSeconds = 3600;

    QueueSystemConfig queueSystem() const;
    ClusterConfig cluster(int index, const QString& endpoint) const;
    // One cluster per endpoint, named c01, c02, ...
    Config config(const QStringList& endpoints, Millis interval) const;

    // Writes the state into the Redis at endpoint (flushing it first). Throws ConnectionError.
    void seed(const QString& endpoint) const;
    // Jobs queued in queue index after seed(): differs per queue so the figures are not uniform.
    static qint64 jobsIn(int index) { return 10 + index % 50; }
};

} // namespace qd::bench
