#pragma once

#include "core/config/ClusterConfig.h"

#include <QString>

namespace qd::loadgen {

// Redis Cluster runs BRPOPLPUSH, RPOPLPUSH and MULTI/EXEC only on keys of one hash slot, and a
// job travels between every list of the queue system (queue -> processing -> completed, dead
// letters, back to its queue) with its heartbeat deleted in the same transaction. So on a
// Cluster all of those keys must hash to one slot, which takes a hash tag such as "{jobs}".
class KeySlotCheck final {
public:
    // Empty when the queues, completed and dead-letter lists, and the processing and heartbeat
    // keys of any worker share one slot; otherwise a message naming the keys and their slots.
    // Pause flags are read on their own and may live anywhere.
    static QString problem(const QueueSystemConfig& system);
};

} // namespace qd::loadgen
