#pragma once

#include "core/redis/ClusterRouter.h"
#include "core/redis/RedisClient.h"

namespace qd::redis {

// A Redis Cluster deployment, reached through a ClusterRouter.
class ClusterClient final : public RedisClient {
public:
    ClusterClient(QList<Endpoint> seeds, ConnectionSettings settings, PoolOptions pool = {});

    QList<Reply> pipeline(const QList<Command>& commands, CallStats* stats = nullptr) override;
    QList<NodeResult> perMaster(const Builder& build, CallStats* stats = nullptr) override;
    QList<NodeInfo> masters() override;
    bool owns(const NodeInfo& node, QByteArrayView key) override;
    void refreshTopology() override;

    ClusterRouter& router() { return m_router; }

private:
    ClusterRouter m_router;
};

} // namespace qd::redis
