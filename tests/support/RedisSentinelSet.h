#pragma once

#include "support/RedisServer.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace qd::test {

// A master, one replica and N Sentinels (quorum 1) watching it as "mymaster", with short
// down-after (1 s) and failover (5 s) timeouts so failover tests stay fast.
class RedisSentinelSet final {
public:
    static std::unique_ptr<RedisSentinelSet> start(int sentinels = 1, QString* error = nullptr);
    ~RedisSentinelSet();

    // The current roles: failover() swaps them.
    RedisServer* master() const { return m_master; }
    RedisServer* replica() const { return m_replica; }
    QList<RedisServer*> sentinels() const;
    QStringList sentinelEndpoints() const;
    QString masterName() const; // "mymaster"
    // The master's endpoint as Sentinel number `sentinel` reports it ("127.0.0.1:<port>").
    QString reportedMasterEndpoint(int sentinel = 0) const;

    // Waits for the replica to be in sync (link up, and WAIT: every write made so far is on
    // it), forces `SENTINEL FAILOVER`, and waits until every Sentinel reports the new master;
    // then master() and replica() swap. Returns the new master's endpoint, or empty and *error
    // on timeout.
    QString failover(int timeoutMs = 30000, QString* error = nullptr);
    // After failover() the old master keeps acting as a master until a Sentinel converts it
    // (about 10 s later); this waits until replica() follows master() and is in sync.
    bool waitUntilReplicated(int timeoutMs = 30000, QString* error = nullptr) const;

private:
    RedisSentinelSet() = default;
    bool waitForSentinelsReady(int timeoutMs, QString* error) const;
    bool allSentinelsReport(const QString& endpoint) const;

    std::unique_ptr<RedisServer> m_first, m_second; // the data nodes, roles tracked below
    RedisServer* m_master = nullptr;
    RedisServer* m_replica = nullptr;
    std::vector<std::unique_ptr<RedisServer>> m_sentinels;
};

} // namespace qd::test
