#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"

#include <memory>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
}

// The adapter that reads the cluster's queue system (queue_system.type). Every system maps
// its own keys onto the neutral ClusterStats; docs/queue-systems/ describes each mapping.
// Throws ClusterError (InvalidConfig) for a type this version has no adapter for, which a
// validated configuration never contains.
std::shared_ptr<QueueBackend> createQueueBackend(
    const ClusterConfig& cluster, std::shared_ptr<redis::RedisClient> client, const Clock& clock);

} // namespace qd
