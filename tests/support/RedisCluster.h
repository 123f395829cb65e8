#pragma once

#include "support/RedisServer.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace qd::test {

// A Redis Cluster on loopback: masters * (1 + replicasPerMaster) cluster-enabled servers, the
// slots spread by `redis-cli --cluster create`. start() returns once every node reports
// cluster_state:ok and all nodes agree on the same slot map and replica links.
class RedisCluster final {
public:
    static std::unique_ptr<RedisCluster> start(
        int masters = 3, int replicasPerMaster = 0, QString* error = nullptr);
    ~RedisCluster();

    QList<RedisServer*> nodes() const; // in start order
    QList<RedisServer*> masters() const; // the nodes whose role is master right now
    QStringList seedEndpoints() const; // "127.0.0.1:<port>" of every node
    // Waits until all nodes agree again (e.g. after a node restart); false and *error on timeout.
    bool waitUntilConsistent(int timeoutMs = 20000, QString* error = nullptr) const;

private:
    RedisCluster() = default;
    std::vector<std::unique_ptr<RedisServer>> m_nodes;
};

} // namespace qd::test
