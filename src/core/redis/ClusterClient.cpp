#include "core/redis/ClusterClient.h"

namespace qd::redis {

ClusterClient::ClusterClient(QList<Endpoint> seeds, ConnectionSettings settings, PoolOptions pool)
    : m_router(std::move(seeds), std::move(settings), pool)
{
}

QList<Reply> ClusterClient::pipeline(const QList<Command>& commands, CallStats* stats)
{
    CallStats cost;
    QList<Reply> replies = m_router.execute(commands, &cost);
    record(cost, stats);
    return replies;
}

QList<NodeResult> ClusterClient::perMaster(const Builder& build, CallStats* stats)
{
    CallStats cost;
    QList<NodeResult> results = m_router.perMaster(build, &cost);
    record(cost, stats);
    return results;
}

QList<NodeInfo> ClusterClient::masters()
{
    return m_router.masters();
}

bool ClusterClient::owns(const NodeInfo& node, QByteArrayView key)
{
    const std::optional<NodeInfo> owner = m_router.ownerOf(key);
    return owner && owner->address() == node.address();
}

void ClusterClient::refreshTopology()
{
    m_router.refreshSlots();
}

} // namespace qd::redis
