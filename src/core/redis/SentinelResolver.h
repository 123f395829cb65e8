#pragma once

#include "core/redis/Connection.h"
#include "core/redis/ConnectionSettings.h"
#include "core/redis/Endpoint.h"

#include <QList>
#include <QMutex>

#include <memory>
#include <optional>

namespace qd::redis {

// Finds the current master of a Sentinel-managed deployment. Every new connection asks the
// Sentinels in turn (SENTINEL get-master-addr-by-name) and checks the answer with ROLE, since a
// Sentinel may lag behind a failover; that is how QueueDeck follows a failover, and why a
// demoted master that still believes it is one (until Sentinel reconfigures it) is not used.
// The last master found is kept only as a fallback for when no Sentinel answers at all.
class SentinelResolver final {
public:
    // sentinels carry their own credentials in their URLs, if they need any; masterSettings
    // (credentials, db, TLS, timeouts) apply to the master, whose endpoint is filled in here.
    SentinelResolver(
        QList<Endpoint> sentinels, QString masterName, ConnectionSettings masterSettings);

    // A ready connection to the verified master. Throws ConnectionError: Auth/Tls/WrongDb from
    // the master as they are, the last Sentinel's error when none answered, else ClusterDown.
    std::unique_ptr<Connection> connectMaster();

    std::optional<Endpoint> cachedMaster() const;
    void invalidate();

    const QString& masterName() const { return m_masterName; }

private:
    std::unique_ptr<Connection> openIfMaster(const Endpoint& master);
    std::unique_ptr<Connection> connectCachedMaster();
    std::optional<Endpoint> ask(const Endpoint& sentinel, QString* problem);
    ConnectionSettings sentinelSettings(const Endpoint& sentinel) const;

    const QList<Endpoint> m_sentinels;
    const QString m_masterName;
    const ConnectionSettings m_master;

    mutable QMutex m_mutex;
    std::optional<Endpoint> m_cached;
};

} // namespace qd::redis
