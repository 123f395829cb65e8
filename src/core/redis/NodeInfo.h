#pragma once

#include "core/redis/Endpoint.h"

#include <QString>

namespace qd::redis {

// One master QueueDeck talks to: the only node in standalone mode, the current master in
// Sentinel mode, or one of the slot owners in Redis Cluster.
struct NodeInfo {
    Endpoint endpoint; // with the cluster's transport and credentials
    QString id; // Redis Cluster node id; empty elsewhere

    QString address() const { return endpoint.address(); } // "host:port" or the socket path

    friend bool operator==(const NodeInfo&, const NodeInfo&) = default;
};

} // namespace qd::redis
