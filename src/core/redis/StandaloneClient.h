#pragma once

#include "core/redis/ConnectionPool.h"
#include "core/redis/RedisClient.h"
#include "core/redis/SentinelResolver.h"

#include <memory>
#include <mutex>

namespace qd::redis {

// A deployment with one master: a standalone server, or the master a SentinelResolver finds.
// In Sentinel mode a READONLY error (the master was demoted under us) drops the pooled
// connections and forgets the address, so the next call asks the Sentinels again. Before that
// can happen, a pooled connection is checked against the master the Sentinels name: after a
// failover the old master keeps accepting writes until Sentinel reconfigures it, so waiting for
// READONLY would lose them. The client subscribes to the Sentinels' +switch-master on first
// use and closes its idle connections the moment a switch is announced; while no subscription
// is up, it asks the Sentinels at most once per kMasterRecheck instead.
class StandaloneClient final : public RedisClient {
public:
    explicit StandaloneClient(ConnectionSettings settings, PoolOptions pool = {});
    StandaloneClient(std::shared_ptr<SentinelResolver> sentinels, ConnectionSettings settings,
        PoolOptions pool = {});

    ~StandaloneClient() override;
    StandaloneClient(const StandaloneClient&) = delete;
    StandaloneClient& operator=(const StandaloneClient&) = delete;

    QList<Reply> pipeline(const QList<Command>& commands, CallStats* stats = nullptr) override;
    Reply commandOnMaster(const Command& command, CallStats* stats = nullptr) override;
    QList<NodeResult> perMaster(const Builder& build, CallStats* stats = nullptr) override;
    QList<NodeInfo> masters() override;

    ConnectionPool& pool() { return m_pool; }

    // How stale the Sentinels' answer may be before a call asks again; a Sentinel that does not
    // answer within kSentinelProbe is skipped.
    static constexpr Millis kMasterRecheck {1000};
    static constexpr Millis kSentinelProbe {250};

private:
    ConnectionPool::Lease acquire();
    static NodeInfo nodeOf(const ConnectionSettings& settings);
    void forgetMasterIfDemoted(const QList<Reply>& replies, Connection& connection);

    std::shared_ptr<SentinelResolver> m_sentinels;
    ConnectionPool m_pool;
    std::once_flag m_watchOnce;
};

} // namespace qd::redis
