#include "core/redis/RedisClient.h"

#include "core/redis/ClusterClient.h"
#include "core/redis/StandaloneClient.h"

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

QList<Endpoint> parseAddresses(const ClientTarget& target, const ConnectionSettings& context)
{
    QList<Endpoint> endpoints;
    for (const QString& address : target.addresses) {
        if (address.trimmed().isEmpty())
            continue; // e.g. Redis Cluster given only seeds
        QString error;
        std::optional<Endpoint> endpoint = Endpoint::parse(address, &error);
        if (!endpoint)
            throw context.error(Kind::Config, u"invalid address: "_s + error);
        if (target.tls.enabled && !endpoint->isUnix())
            endpoint->transport = Endpoint::Transport::Tls;
        endpoints.append(*endpoint);
    }
    if (endpoints.isEmpty())
        throw context.error(Kind::Config, u"no endpoint is configured"_s);
    return endpoints;
}

Endpoint withoutCredentials(Endpoint endpoint)
{
    endpoint.username.clear();
    endpoint.password.clear();
    endpoint.db.reset();
    return endpoint;
}

} // namespace

std::unique_ptr<RedisClient> RedisClient::create(
    const ClientTarget& target, Millis timeout, Millis maxReconnectDelay)
{
    PoolOptions pool;
    pool.maxBackoff = std::max(maxReconnectDelay, pool.initialBackoff);
    ConnectionSettings settings;
    settings.clusterName = target.name;
    settings.tls = target.tls;
    settings.connectTimeout = timeout;
    settings.commandTimeout = timeout;
    settings.username = target.username;
    settings.password = target.password;
    settings.db = target.db;
    const QList<Endpoint> endpoints = parseAddresses(target, settings);
    const Endpoint& first = endpoints.constFirst();

    if (target.mode == ClusterMode::Sentinel) {
        // URL credentials belong to the Sentinels; the master uses the target's.
        settings.endpoint = withoutCredentials(first);
        if (target.sentinelMaster.isEmpty())
            throw settings.error(Kind::Config, u"Sentinel mode needs the master's name"_s);
        auto resolver
            = std::make_shared<SentinelResolver>(endpoints, target.sentinelMaster, settings);
        return std::make_unique<StandaloneClient>(std::move(resolver), std::move(settings), pool);
    }

    // Credentials and db written into the URL fill in what the target's own fields leave empty.
    if (settings.username.isEmpty())
        settings.username = first.username;
    if (settings.password.isEmpty())
        settings.password = first.password;
    if (settings.db == 0)
        settings.db = first.db.value_or(0);
    settings.endpoint = withoutCredentials(first);
    if (target.mode == ClusterMode::Cluster) {
        QList<Endpoint> seeds;
        for (const Endpoint& endpoint : endpoints)
            seeds.append(withoutCredentials(endpoint));
        return std::make_unique<ClusterClient>(std::move(seeds), std::move(settings), pool);
    }
    return std::make_unique<StandaloneClient>(std::move(settings), pool);
}

Reply RedisClient::command(const Command& command, CallStats* stats)
{
    return pipeline({command}, stats).constFirst();
}

Reply RedisClient::commandOnMaster(const Command& command, CallStats* stats)
{
    return this->command(command, stats);
}

CallStats RedisClient::totals() const
{
    return {m_roundTrips.load(), m_commands.load(), m_bytesSent.load(), m_bytesReceived.load()};
}

void RedisClient::record(const CallStats& cost, CallStats* stats)
{
    m_roundTrips += cost.roundTrips;
    m_commands += cost.commands;
    m_bytesSent += cost.bytesSent;
    m_bytesReceived += cost.bytesReceived;
    if (stats)
        *stats += cost;
}

bool RedisClient::owns(const NodeInfo& node, QByteArrayView key)
{
    Q_UNUSED(node);
    Q_UNUSED(key);
    return true;
}

void RedisClient::refreshTopology()
{
}

} // namespace qd::redis
