#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/WorkerDiscovery.h"
#include "core/stats/RateTracker.h"

#include <memory>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
struct NodeInfo;
} // namespace redis

// The queue system of go-redis-work-queue (DESIGN.md, "The queue system"), with the key names
// of the cluster's queue_system config. One poll is one pipelined round trip per master: list
// lengths, pause flags, the known workers' processing lists and heartbeats, one bounded SCAN
// step and the INFO figures. Not thread-safe: the poller never runs two polls of a cluster at
// once.
class GoRedisWorkQueue final : public QueueBackend {
public:
    GoRedisWorkQueue(
        ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);
    ~GoRedisWorkQueue() override;

    ClusterStats poll() override;

    const ClusterConfig& config() const { return m_config; }
    redis::RedisClient& client() const { return *m_client; }

private:
    struct Plan;
    struct Replies;

    Plan planFor(const redis::NodeInfo& node, const QList<QString>& workers) const;
    ClusterStats pollOnce(bool* topologyMoved);

    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    WorkerDiscovery m_discovery;
    RateTracker m_rates;
};

} // namespace qd
