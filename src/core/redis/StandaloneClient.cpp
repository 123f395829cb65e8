#include "core/redis/StandaloneClient.h"

#include "core/redis/Pipeline.h"

#include <spdlog/spdlog.h>

namespace qd::redis {

StandaloneClient::StandaloneClient(ConnectionSettings settings, PoolOptions pool)
    : m_pool(std::move(settings), pool)
{
}

StandaloneClient::StandaloneClient(
    std::shared_ptr<SentinelResolver> sentinels, ConnectionSettings settings, PoolOptions pool)
    : m_sentinels(std::move(sentinels))
    , m_pool(
          std::move(settings), pool, [resolver = m_sentinels] { return resolver->connectMaster(); })
{
}

QList<Reply> StandaloneClient::pipeline(const QList<Command>& commands, CallStats* stats)
{
    if (commands.isEmpty())
        return {};
    CallStats cost;
    ConnectionPool::Lease lease = acquire();
    QList<Reply> replies = lease->pipeline(Pipeline(commands), &cost);
    forgetMasterIfDemoted(replies, *lease);
    record(cost, stats);
    return replies;
}

QList<NodeResult> StandaloneClient::perMaster(const Builder& build, CallStats* stats)
{
    NodeResult result;
    result.node.endpoint = m_sentinels && m_sentinels->cachedMaster()
        ? *m_sentinels->cachedMaster()
        : nodeOf(m_pool.settings()).endpoint;
    try {
        ConnectionPool::Lease lease = acquire();
        result.node = nodeOf(lease->settings());
        const Pipeline pipeline = build(result.node);
        CallStats cost;
        result.replies = lease->pipeline(pipeline, &cost);
        forgetMasterIfDemoted(result.replies, *lease);
        record(cost, stats);
    } catch (const ConnectionError& error) {
        result.error = error;
    }
    return {result};
}

QList<NodeInfo> StandaloneClient::masters()
{
    ConnectionPool::Lease lease = acquire();
    return {nodeOf(lease->settings())};
}

ConnectionPool::Lease StandaloneClient::acquire()
{
    ConnectionPool::Lease lease = m_pool.acquire();
    if (!m_sentinels)
        return lease;
    const std::optional<Endpoint> named = m_sentinels->namedMaster(kMasterRecheck, kSentinelProbe);
    if (!named || named->address() == lease->settings().endpoint.address())
        return lease;
    // A failover happened since this connection was opened: every pooled connection points at
    // the demoted master, which may still take writes. Drop them all and connect afresh (the
    // connector asks the Sentinels and verifies the new master's ROLE).
    spdlog::info("redis: Sentinels now name {} as master \"{}\"; leaving {}",
        named->display().toStdString(), m_sentinels->masterName().toStdString(),
        lease->settings().endpoint.display().toStdString());
    lease->markBroken();
    m_pool.clearIdle();
    lease = m_pool.acquire();
    return lease;
}

NodeInfo StandaloneClient::nodeOf(const ConnectionSettings& settings)
{
    NodeInfo node;
    node.endpoint = settings.endpoint;
    node.endpoint.username.clear();
    node.endpoint.password.clear();
    node.endpoint.db.reset();
    return node;
}

void StandaloneClient::forgetMasterIfDemoted(const QList<Reply>& replies, Connection& connection)
{
    if (!m_sentinels)
        return;
    for (const Reply& reply : replies) {
        if (reply.isErrorCode("READONLY")) {
            spdlog::info("redis: {} was demoted to a replica; asking the Sentinels again",
                connection.settings().endpoint.display().toStdString());
            connection.markBroken();
            m_sentinels->invalidate();
            m_pool.clearIdle();
            return;
        }
    }
}

} // namespace qd::redis
