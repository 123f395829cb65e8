#include "core/redis/SentinelResolver.h"

#include <spdlog/spdlog.h>
#include <thread>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

// Failures that asking another Sentinel cannot cure: the configuration is wrong.
bool isConfigurationProblem(const ConnectionError& error)
{
    return error.severity() == Severity::Error;
}

} // namespace

SentinelResolver::SentinelResolver(
    QList<Endpoint> sentinels, QString masterName, ConnectionSettings masterSettings)
    : m_sentinels(std::move(sentinels))
    , m_masterName(std::move(masterName))
    , m_master(std::move(masterSettings))
{
}

SentinelResolver::~SentinelResolver()
{
    stopWatching();
}

void SentinelResolver::watch(std::function<void(const Endpoint& master)> onSwitch)
{
    if (m_sentinels.isEmpty() || m_watching.exchange(true))
        return;
    m_onSwitch = std::move(onSwitch);
    m_watcher = std::thread([this] { watchLoop(); });
}

void SentinelResolver::stopWatching()
{
    m_stop = true;
    if (m_watcher.joinable())
        m_watcher.join();
    m_subscribed = false;
}

void SentinelResolver::watchLoop()
{
    qsizetype next = 0;
    while (!m_stop) {
        const Endpoint& sentinel = m_sentinels.at(next++ % m_sentinels.size());
        try {
            watchOne(sentinel);
        } catch (const ConnectionError& error) {
            spdlog::debug("redis: watching Sentinel {} for \"{}\": {}",
                sentinel.display().toStdString(), m_masterName.toStdString(),
                error.reason().toStdString());
        }
        m_subscribed = false;
        // Not in a tight loop against Sentinels that refuse: callers re-check on their own
        // meanwhile (namedMaster asks while no subscription is up).
        for (int i = 0; i < 3 && !m_stop; ++i)
            std::this_thread::sleep_for(kWatchTick);
    }
}

void SentinelResolver::watchOne(const Endpoint& sentinel)
{
    ConnectionSettings settings = sentinelSettings(sentinel);
    settings.connectTimeout = std::min(settings.connectTimeout, Millis(1000));
    settings.commandTimeout = std::min(settings.commandTimeout, Millis(1000));
    const std::unique_ptr<Connection> connection = Connection::open(settings);
    // Subscribed first, asked second: a switch between the two is then either in the answer or
    // in the first message, never in neither.
    const Reply subscribed = connection->command(
        {QByteArrayLiteral("SUBSCRIBE"), QByteArrayLiteral("+switch-master")});
    if (subscribed.isError())
        throw settings.error(ConnectionError::Kind::Protocol,
            u"SUBSCRIBE +switch-master refused: "_s + subscribed.toString());
    {
        // A subscribed connection takes no other command: ask on a second one.
        QString problem;
        const std::unique_ptr<Connection> asking = Connection::open(settings);
        if (const std::optional<Endpoint> master = askOn(*asking, &problem)) {
            if (noteNamed(*master) && m_onSwitch)
                m_onSwitch(*master);
        }
    }
    m_subscribed = true;
    while (!m_stop) {
        const std::optional<Reply> message = connection->receive(kWatchTick);
        if (!message)
            continue;
        // ["message", "+switch-master", "<name> <old-ip> <old-port> <new-ip> <new-port>"]
        if (message->size() != 3 || message->at(0).toByteArray() != "message")
            continue;
        const QList<QByteArray> fields = message->at(2).toByteArray().split(' ');
        if (fields.size() != 5 || QString::fromUtf8(fields.at(0)) != m_masterName)
            continue;
        bool ok = false;
        const uint port = fields.at(4).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            continue;
        Endpoint master
            = Endpoint::tcp(QString::fromUtf8(fields.at(3)), static_cast<quint16>(port));
        master.transport
            = m_master.endpoint.isTls() ? Endpoint::Transport::Tls : Endpoint::Transport::Tcp;
        spdlog::info("redis: Sentinel {} announces {} as master \"{}\"",
            sentinel.display().toStdString(), master.display().toStdString(),
            m_masterName.toStdString());
        if (noteNamed(master) && m_onSwitch)
            m_onSwitch(master);
    }
}

std::optional<Endpoint> SentinelResolver::cachedMaster() const
{
    QMutexLocker locker(&m_mutex);
    return m_cached;
}

void SentinelResolver::invalidate()
{
    QMutexLocker locker(&m_mutex);
    m_cached.reset();
}

std::unique_ptr<Connection> SentinelResolver::connectMaster()
{
    std::optional<ConnectionError> sentinelError;
    QStringList problems;
    bool anyAnswered = false;
    for (const Endpoint& sentinel : m_sentinels) {
        QString problem;
        std::optional<Endpoint> master;
        try {
            master = ask(sentinel, &problem);
            anyAnswered = true;
        } catch (const ConnectionError& error) {
            sentinelError = error;
            problems.append(error.endpoint() + u": "_s + error.reason());
            continue;
        }
        if (!master) {
            problems.append(sentinel.display() + u": "_s + problem);
            continue;
        }
        noteNamed(*master);
        try {
            if (std::unique_ptr<Connection> connection = openIfMaster(*master)) {
                QMutexLocker locker(&m_mutex);
                m_cached = *master;
                return connection;
            }
            problems.append(sentinel.display() + u" names "_s + master->display()
                + u", which is not a master (failover in progress?)"_s);
        } catch (const ConnectionError& error) {
            if (isConfigurationProblem(error))
                throw;
            problems.append(error.endpoint() + u": "_s + error.reason());
        }
    }
    if (!anyAnswered) {
        if (std::unique_ptr<Connection> connection = connectCachedMaster())
            return connection;
        if (sentinelError)
            throw *sentinelError;
    }
    throw m_master.error(Kind::ClusterDown,
        u"no Sentinel named a reachable master \""_s + m_masterName + u"\" ("_s
            + problems.join(u"; "_s) + u')');
}

bool SentinelResolver::noteNamed(const Endpoint& master)
{
    QMutexLocker locker(&m_mutex);
    const bool changed = m_named && m_named->address() != master.address();
    m_named = master;
    m_namedAt = std::chrono::steady_clock::now();
    return changed;
}

std::optional<Endpoint> SentinelResolver::namedMaster(Millis maxAge, Millis probeTimeout)
{
    const auto fresh = [&]() -> std::optional<Endpoint> {
        QMutexLocker locker(&m_mutex);
        // A live subscription hears of every switch: its knowledge does not age.
        if (m_named && (m_subscribed || std::chrono::steady_clock::now() - m_namedAt < maxAge))
            return m_named;
        return std::nullopt;
    };
    if (std::optional<Endpoint> known = fresh())
        return known;
    QMutexLocker asking(&m_askMutex);
    if (std::optional<Endpoint> known = fresh())
        return known; // another thread asked while this one waited
    for (const Endpoint& sentinel : m_sentinels) {
        ConnectionSettings settings = sentinelSettings(sentinel);
        settings.connectTimeout = std::min(settings.connectTimeout, probeTimeout);
        settings.commandTimeout = std::min(settings.commandTimeout, probeTimeout);
        try {
            QString problem;
            if (std::optional<Endpoint> master = ask(settings, &problem)) {
                noteNamed(*master);
                return master;
            }
        } catch (const ConnectionError&) {
            continue; // the next Sentinel may answer
        }
    }
    return std::nullopt;
}

std::unique_ptr<Connection> SentinelResolver::connectCachedMaster()
{
    const std::optional<Endpoint> cached = cachedMaster();
    if (!cached)
        return nullptr;
    try {
        std::unique_ptr<Connection> connection = openIfMaster(*cached);
        if (connection) {
            spdlog::warn("redis: no Sentinel answers for \"{}\"; using the last known master {}",
                m_masterName.toStdString(), cached->display().toStdString());
        }
        return connection;
    } catch (const ConnectionError& error) {
        if (isConfigurationProblem(error))
            throw;
        return nullptr;
    }
}

std::optional<Endpoint> SentinelResolver::ask(const Endpoint& sentinel, QString* problem)
{
    return ask(sentinelSettings(sentinel), problem);
}

std::optional<Endpoint> SentinelResolver::ask(const ConnectionSettings& sentinel, QString* problem)
{
    const std::unique_ptr<Connection> connection = Connection::open(sentinel);
    return askOn(*connection, problem);
}

std::optional<Endpoint> SentinelResolver::askOn(Connection& connection, QString* problem) const
{
    const Reply reply = connection.command({QByteArrayLiteral("SENTINEL"),
        QByteArrayLiteral("get-master-addr-by-name"), m_masterName.toUtf8()});
    bool ok = false;
    const qint64 port = reply.size() == 2 ? reply.at(1).toInteger(&ok) : 0;
    if (reply.isNil()) {
        *problem = u"does not monitor a master named \""_s + m_masterName + u'"';
    } else if (!ok || port <= 0 || port > 65535 || !reply.at(0).isString()) {
        *problem = u"unexpected answer "_s + reply.toDebugString();
    } else {
        Endpoint master = Endpoint::tcp(reply.at(0).toString(), static_cast<quint16>(port));
        master.transport
            = m_master.endpoint.isTls() ? Endpoint::Transport::Tls : Endpoint::Transport::Tcp;
        return master;
    }
    return std::nullopt;
}

std::unique_ptr<Connection> SentinelResolver::openIfMaster(const Endpoint& master)
{
    std::unique_ptr<Connection> connection = Connection::open(m_master.withEndpoint(master));
    const Reply role = connection->command({QByteArrayLiteral("ROLE")});
    if (role.isError()) {
        // An ACL user without ROLE: trust the Sentinel rather than refuse to monitor.
        spdlog::debug("redis: ROLE refused by {}: {}", master.display().toStdString(),
            role.toString().toStdString());
        return connection;
    }
    if (role.size() > 0 && role.at(0).toByteArray() == "master")
        return connection;
    return nullptr;
}

ConnectionSettings SentinelResolver::sentinelSettings(const Endpoint& sentinel) const
{
    ConnectionSettings settings = m_master.withEndpoint(sentinel);
    settings.username = sentinel.username;
    settings.password = sentinel.password;
    settings.db = 0;
    return settings;
}

} // namespace qd::redis
