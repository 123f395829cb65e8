#pragma once

#include "core/redis/Backoff.h"
#include "core/redis/Connection.h"
#include "core/redis/ConnectionSettings.h"
#include "core/util/Clock.h"

#include <QMutex>
#include <QWaitCondition>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace qd::redis {

struct PoolOptions {
    int maxSize = 4;
    Millis initialBackoff {100};
    Millis maxBackoff {10000};
};

// The connections to one server, reused across polls and actions. Bounded: a caller finding all
// of them leased waits (up to the command timeout) for one to come back. Broken connections are
// dropped when returned and idle ones the server closed are dropped when taken. After a failed
// connect the pool refuses to dial again until a capped, jittered backoff has passed and answers
// with the last error meanwhile, so a down server costs nothing per poll.
class ConnectionPool final {
public:
    using Connector = std::function<std::unique_ptr<Connection>()>;

    // A connection on loan; it goes back to the pool when the lease ends (dropped if broken).
    // The pool must outlive its leases.
    class Lease final {
    public:
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&& other) noexcept;
        ~Lease();
        Connection& operator*() const { return *m_connection; }
        Connection* operator->() const { return m_connection.get(); }

    private:
        friend class ConnectionPool;
        Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection);
        void giveBack();

        ConnectionPool* m_pool = nullptr;
        std::unique_ptr<Connection> m_connection;
    };

    // connector opens a connection (default: Connection::open(settings)); Sentinel mode passes
    // one that asks the Sentinels first. settings also name the pool in its errors.
    explicit ConnectionPool(ConnectionSettings settings, PoolOptions options = {},
        Connector connector = {}, const Clock& clock = Clock::system());
    ~ConnectionPool();
    Q_DISABLE_COPY_MOVE(ConnectionPool)

    // Throws ConnectionError: the connect failure, the last one while backing off, or Timeout
    // when every connection stays leased for the whole command timeout.
    Lease acquire();

    // Closes the idle connections, e.g. after a Sentinel failover.
    void clearIdle();

    const ConnectionSettings& settings() const { return m_settings; }
    int openCount() const;
    int idleCount() const;
    qint64 connectAttempts() const;
    bool isBackingOff() const;

private:
    void release(std::unique_ptr<Connection> connection);
    Lease connect(QMutexLocker<QMutex>& locker);

    const ConnectionSettings m_settings;
    const PoolOptions m_options;
    const Connector m_connector;
    const Clock& m_clock;

    mutable QMutex m_mutex;
    QWaitCondition m_returned;
    std::vector<std::unique_ptr<Connection>> m_idle;
    int m_open = 0; // idle + leased + being connected
    qint64 m_connectAttempts = 0;
    Backoff m_backoff;
    std::chrono::steady_clock::time_point m_retryAt {};
    std::optional<ConnectionError> m_lastError;
};

} // namespace qd::redis
