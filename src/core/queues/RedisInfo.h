#pragma once

#include "core/stats/ClusterStats.h"

#include <QByteArray>

namespace qd {

// Reads the figures QueueDeck shows from INFO text ("used_memory:1234\r\n..."). Sums into
// stats, so the masters of a Redis Cluster add up.
namespace RedisInfo {
void addTo(const QByteArray& infoText, RedisServerStat& stats);
}

} // namespace qd
