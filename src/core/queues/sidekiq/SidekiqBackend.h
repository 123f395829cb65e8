#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/stats/RateTracker.h"

#include <memory>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
}

// A Sidekiq deployment as a QueueBackend: one SidekiqReader read per poll (one round trip),
// mapped onto the system-neutral ClusterStats (docs/queue-systems/sidekiq.md, "The neutral
// picture"). Rates come from Sidekiq's own counters. Not thread-safe: the poller never runs
// two polls of a cluster at once.
class SidekiqBackend final : public QueueBackend {
public:
    SidekiqBackend(
        ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);

    ClusterStats poll() override;
    // Adds the reader's DataError (a Sidekiq key holding what Sidekiq never writes there).
    PollFailure describeFailure(std::exception_ptr error) const override;

    // The neutral picture of one reading; public for tests.
    static ClusterStats map(
        const sidekiq::Reading& reading, const QString& clusterName, const QString& ns);

private:
    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    sidekiq::SidekiqReader m_reader;
    RateTracker m_rates;
};

} // namespace qd
