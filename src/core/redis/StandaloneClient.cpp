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

StandaloneClient::~StandaloneClient()
{
    // Its callback reaches into the pool, which dies with this client.
    if (m_sentinels)
        m_sentinels->stopWatching();
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

Reply StandaloneClient::commandOnMaster(const Command& command, CallStats* stats)
{
    CallStats cost;
    std::optional<ConnectionPool::Lease> leased;
    Reply role;
    try {
        leased.emplace(acquire());
        role = (*leased)->command({QByteArrayLiteral("ROLE")}, &cost);
    } catch (const ConnectionError& error) {
        // Behind Sentinel, no master to be had during a failover is expected for a moment;
        // the command was not sent, so the caller may wait and send it again.
        if (!m_sentinels || error.severity() != Severity::Warning)
            throw;
        throw ConnectionError(ConnectionError::Kind::NotMaster, error.cluster(), error.endpoint(),
            error.reason() + QStringLiteral("; nothing was sent"));
    }
    ConnectionPool::Lease& lease = *leased;
    // An ACL user without ROLE: the Sentinel check in acquire() is all there is.
    const bool master = role.isError() || (role.size() > 0 && role.at(0).toByteArray() == "master");
    if (!master) {
        record(cost, stats);
        lease->markBroken();
        if (m_sentinels)
            m_sentinels->invalidate();
        m_pool.clearIdle();
        throw lease->settings().error(ConnectionError::Kind::NotMaster,
            QStringLiteral("the node is no longer the master (ROLE: %1); nothing was sent")
                .arg(role.size() > 0 ? role.at(0).toString() : role.toString()));
    }
    const Reply reply = lease->command(command, &cost);
    forgetMasterIfDemoted({reply}, *lease);
    record(cost, stats);
    return reply;
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
    if (m_sentinels) {
        std::call_once(m_watchOnce, [this] {
            m_sentinels->watch([this](const Endpoint& master) {
                // Connections to the old master are closed now, not when next used; leased
                // ones are left by acquire() below once their call returns.
                spdlog::info("redis: leaving the old master of \"{}\" for {}",
                    m_sentinels->masterName().toStdString(), master.display().toStdString());
                m_sentinels->invalidate();
                m_pool.clearIdle();
            });
        });
    }
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
