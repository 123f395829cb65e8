#pragma once

#include "core/redis/CallStats.h"
#include "core/redis/ClientTarget.h"
#include "core/redis/Command.h"
#include "core/redis/NodeInfo.h"
#include "core/redis/NodeResult.h"
#include "core/redis/Pipeline.h"
#include "core/redis/Reply.h"
#include "core/util/Duration.h"

#include <QByteArrayView>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>

namespace qd::redis {

// How the engine reaches one configured deployment, whatever its shape (standalone, Redis
// Cluster, Sentinel). Calls block and belong on worker threads; one client may be used by
// several threads at once (each call leases its own pooled connection). Every call adds what it
// cost to *stats when given, and to totals().
class RedisClient {
public:
    using Builder = std::function<Pipeline(const NodeInfo&)>;

    // Builds the client for a deployment (a ClusterConfig converts); connects lazily, on first use.
    // Throws ConnectionError (Config) when an address does not parse or Sentinel mode has no master
    // name. timeout bounds each connect and each call (the engine passes polling.timeout).
    // maxReconnectDelay caps the pool's backoff after failed connects: the engine keeps it
    // under the poll interval so a server that comes back is seen by the next poll.
    static std::unique_ptr<RedisClient> create(
        const ClientTarget& target, Millis timeout, Millis maxReconnectDelay = Millis(10000));

    virtual ~RedisClient() = default;
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    // One command, routed by its key in Redis Cluster. Error replies are returned; failures to
    // reach the server throw ConnectionError.
    Reply command(const Command& command, CallStats* stats = nullptr);
    // A write that must reach the master: before sending it, the connection it will go on is
    // checked to lead to the master (ROLE says so and, behind Sentinel, it is the master the
    // Sentinels name). Otherwise nothing is sent and ConnectionError NotMaster is thrown, so a
    // caller may send the command again once the new master is known. In Redis Cluster a
    // demoted master answers MOVED, which the router follows, so this is command().
    virtual Reply commandOnMaster(const Command& command, CallStats* stats = nullptr);
    // Replies in the caller's order: one round trip in standalone/Sentinel mode, one pipeline
    // per owning master, in parallel, in Redis Cluster.
    virtual QList<Reply> pipeline(const QList<Command>& commands, CallStats* stats = nullptr) = 0;
    // Node-local commands (INFO, SCAN...) on every master: build(node) gives that master's
    // pipeline. A master that cannot be reached has its error in its NodeResult; nothing throws
    // unless the masters themselves cannot be found.
    virtual QList<NodeResult> perMaster(const Builder& build, CallStats* stats = nullptr) = 0;
    // The masters right now (resolving them if needed). Throws ConnectionError.
    virtual QList<NodeInfo> masters() = 0;

    // Whether node serves key: always outside Redis Cluster; there, the slot's owner in the
    // current slot map. Lets a caller put keyed commands into perMaster()'s node pipelines so a
    // poll stays one round trip per node.
    virtual bool owns(const NodeInfo& node, QByteArrayView key);
    // Drops what the client learnt of the deployment's shape (slot map, resolved master) so
    // the next call reads it again; for callers that saw MOVED/ASK in node-local pipelines.
    virtual void refreshTopology();

    // Everything this client has cost since it was created.
    CallStats totals() const;

protected:
    RedisClient() = default;
    void record(const CallStats& cost, CallStats* stats);

private:
    std::atomic<qint64> m_roundTrips = 0;
    std::atomic<qint64> m_commands = 0;
    std::atomic<qint64> m_bytesSent = 0;
    std::atomic<qint64> m_bytesReceived = 0;
};

} // namespace qd::redis
