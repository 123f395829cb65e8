#include "core/redis/ConnectionPool.h"

#include <QDeadlineTimer>

#include <spdlog/spdlog.h>

namespace qd::redis {

using namespace Qt::StringLiterals;

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
    : m_pool(pool), m_connection(std::move(connection))
{
}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept
{
    if (this != &other) {
        giveBack();
        m_pool = std::exchange(other.m_pool, nullptr);
        m_connection = std::move(other.m_connection);
    }
    return *this;
}

ConnectionPool::Lease::~Lease()
{
    giveBack();
}

void ConnectionPool::Lease::giveBack()
{
    if (m_pool && m_connection)
        m_pool->release(std::move(m_connection));
    m_pool = nullptr;
}

ConnectionPool::ConnectionPool(
    ConnectionSettings settings, PoolOptions options, Connector connector, const Clock& clock)
    : m_settings(std::move(settings))
    , m_options(options)
    , m_connector(connector ? std::move(connector)
                            : Connector([this] { return Connection::open(m_settings); }))
    , m_clock(clock)
    , m_backoff(options.initialBackoff, options.maxBackoff)
{
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease ConnectionPool::acquire()
{
    QMutexLocker locker(&m_mutex);
    const QDeadlineTimer deadline(m_settings.commandTimeout);
    for (;;) {
        while (!m_idle.empty()) {
            std::unique_ptr<Connection> connection = std::move(m_idle.back());
            m_idle.pop_back();
            if (connection->isIdleHealthy())
                return Lease(this, std::move(connection));
            --m_open; // closed by the server (restart, timeout, failover): drop it
        }
        if (m_lastError && m_clock.now() < m_retryAt)
            throw *m_lastError;
        if (m_open < m_options.maxSize)
            return connect(locker);
        if (!m_returned.wait(&m_mutex, deadline)) {
            throw m_settings.error(ConnectionError::Kind::Timeout,
                u"all "_s + QString::number(m_options.maxSize)
                    + u" pooled connections stayed busy for "_s
                    + QString::number(m_settings.commandTimeout.count()) + u" ms"_s);
        }
    }
}

ConnectionPool::Lease ConnectionPool::connect(QMutexLocker<QMutex>& locker)
{
    ++m_open;
    ++m_connectAttempts;
    // The backoff counts from the attempt's start: a connect that took its whole timeout has
    // already waited that long, and the next poll must not find the pool still refusing.
    const auto startedAt = m_clock.now();
    locker.unlock(); // connecting takes up to the connect timeout; others may use idle ones
    try {
        std::unique_ptr<Connection> connection = m_connector();
        locker.relock();
        if (m_lastError) {
            spdlog::info("redis: {} reachable again", m_settings.endpoint.display().toStdString());
            m_lastError.reset();
        }
        m_backoff.reset();
        return Lease(this, std::move(connection));
    } catch (const ConnectionError& error) {
        locker.relock();
        --m_open;
        const Millis delay = m_backoff.next();
        m_retryAt = startedAt + delay;
        if (m_backoff.failures() == 1)
            spdlog::warn("redis: {} (next attempt in {} ms)", error.what(), delay.count());
        else
            spdlog::debug("redis: {} (next attempt in {} ms)", error.what(), delay.count());
        m_lastError = error;
        m_returned.wakeOne(); // a waiter may now connect (or fail fast) itself
        throw;
    } catch (...) {
        locker.relock();
        --m_open;
        m_returned.wakeOne();
        throw;
    }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection)
{
    QMutexLocker locker(&m_mutex);
    if (connection->isBroken())
        --m_open;
    else
        m_idle.push_back(std::move(connection));
    m_returned.wakeOne();
}

void ConnectionPool::clearIdle()
{
    std::vector<std::unique_ptr<Connection>> closing;
    {
        QMutexLocker locker(&m_mutex);
        closing.swap(m_idle);
        m_open -= static_cast<int>(closing.size());
        m_returned.wakeAll();
    }
}

int ConnectionPool::openCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_open;
}

int ConnectionPool::idleCount() const
{
    QMutexLocker locker(&m_mutex);
    return static_cast<int>(m_idle.size());
}

qint64 ConnectionPool::connectAttempts() const
{
    QMutexLocker locker(&m_mutex);
    return m_connectAttempts;
}

bool ConnectionPool::isBackingOff() const
{
    QMutexLocker locker(&m_mutex);
    return m_lastError && m_clock.now() < m_retryAt;
}

} // namespace qd::redis
