#pragma once

#include "core/redis/Connection.h"
#include "core/redis/ConnectionSettings.h"
#include "core/redis/Endpoint.h"

#include <QList>
#include <QMutex>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

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
    ~SentinelResolver();
    SentinelResolver(const SentinelResolver&) = delete;
    SentinelResolver& operator=(const SentinelResolver&) = delete;

    // A ready connection to the verified master. Throws ConnectionError: Auth/Tls/WrongDb from
    // the master as they are, the last Sentinel's error when none answered, else ClusterDown.
    std::unique_ptr<Connection> connectMaster();

    std::optional<Endpoint> cachedMaster() const;
    void invalidate();

    // The master the Sentinels name now, asked at most once per maxAge however many threads
    // call (a fresher answer, also one connectMaster() got, is reused). Lets connections
    // opened before a failover notice it within maxAge instead of when Sentinel finally
    // reconfigures the demoted master (~10 s later, writes meanwhile lost to it). nullopt when
    // no Sentinel answers: then the connection in hand is the best knowledge there is. Each
    // Sentinel gets at most probeTimeout, so a dead Sentinel costs a poll little.
    std::optional<Endpoint> namedMaster(Millis maxAge, Millis probeTimeout);

    const QString& masterName() const { return m_masterName; }

    // Follows the Sentinels' +switch-master announcements on a thread of its own, so a failover
    // is known the moment a Sentinel announces it, without asking on the callers' threads.
    // Every (re)subscription first asks that Sentinel for the master, so a switch announced
    // while no subscription was up is not missed. onSwitch runs on that thread whenever the
    // named master changes. Only the first call starts the thread; stopWatching() ends it.
    void watch(std::function<void(const Endpoint& master)> onSwitch);
    void stopWatching();
    // Whether a subscription is up now: namedMaster() then answers from it without asking.
    bool isSubscribed() const { return m_subscribed.load(); }
    // How long one wait for an announcement lasts: the most stopWatching() waits for the
    // thread, next to one connect to a Sentinel.
    static constexpr Millis kWatchTick {200};

private:
    std::unique_ptr<Connection> openIfMaster(const Endpoint& master);
    std::unique_ptr<Connection> connectCachedMaster();
    std::optional<Endpoint> ask(const Endpoint& sentinel, QString* problem);
    std::optional<Endpoint> ask(const ConnectionSettings& sentinel, QString* problem);
    ConnectionSettings sentinelSettings(const Endpoint& sentinel) const;

    const QList<Endpoint> m_sentinels;
    const QString m_masterName;
    const ConnectionSettings m_master;

    // Records what a Sentinel named; true when it differs from the master named before.
    bool noteNamed(const Endpoint& master);
    void watchLoop();
    void watchOne(const Endpoint& sentinel);
    std::optional<Endpoint> askOn(Connection& connection, QString* problem) const;

    mutable QMutex m_mutex;
    std::optional<Endpoint> m_cached;
    std::optional<Endpoint> m_named; // what a Sentinel said last, and when
    std::chrono::steady_clock::time_point m_namedAt {};
    QMutex m_askMutex; // one re-check at a time; the others reuse its answer

    std::function<void(const Endpoint&)> m_onSwitch; // set once, before the thread starts
    std::thread m_watcher;
    std::atomic<bool> m_watching = false;
    std::atomic<bool> m_stop = false;
    std::atomic<bool> m_subscribed = false;
};

} // namespace qd::redis
