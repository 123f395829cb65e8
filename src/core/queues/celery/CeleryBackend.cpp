#include "core/queues/celery/CeleryBackend.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/CallStats.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>

#include <algorithm>
#include <spdlog/spdlog.h>
#include <utility>

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// SCAN steps per discovery round trip, and keys asked per step: bounds one discovery's cost
// on a large keyspace; an unfinished cycle continues at the next poll.
constexpr int scanStepsPerDiscovery = 16;
constexpr int scanCount = 1000;

// The database kombu names its event channels after: the configured one, else the URL's.
int effectiveDb(const ClusterConfig& config)
{
    if (config.db != 0)
        return config.db;
    const std::optional<redis::Endpoint> endpoint = redis::Endpoint::parse(config.endpoint);
    return endpoint ? endpoint->db.value_or(0) : 0;
}

} // namespace

CeleryBackend::CeleryBackend(
    ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
    : m_config(std::move(config))
    , m_client(std::move(client))
    , m_clock(clock)
    , m_prefix(m_config.queueSystem.celeryGlobalKeyPrefix.toUtf8())
    , m_census(m_config.queueSystem.celeryResultBackendDb.value_or(effectiveDb(m_config)),
          effectiveDb(m_config))
{
}

CeleryBackend::~CeleryBackend() = default;

redis::ConnectionSettings CeleryBackend::eventSettings() const
{
    const redis::ClientTarget target = m_config;
    redis::ConnectionSettings settings;
    settings.clusterName = target.name;
    settings.tls = target.tls;
    settings.username = target.username;
    settings.password = target.password;
    if (const auto endpoint = redis::Endpoint::parse(m_config.endpoint);
        endpoint && m_config.mode != ClusterMode::Sentinel) {
        if (settings.username.isEmpty())
            settings.username = endpoint->username;
        if (settings.password.isEmpty())
            settings.password = endpoint->password;
    }
    // The master as the client found it (behind Sentinel, the one the Sentinels name).
    settings.endpoint = m_client->masters().constFirst().endpoint;
    settings.endpoint.username.clear();
    settings.endpoint.password.clear();
    settings.endpoint.db.reset();
    settings.clientName = QByteArrayLiteral("queuedeck-events");
    // Within a poll's budget: the queues are worth showing even when this fails.
    settings.connectTimeout = Millis(1000);
    settings.commandTimeout = Millis(1000);
    return settings;
}

void CeleryBackend::discoverIfDue(redis::CallStats* cost)
{
    const auto now = m_clock.now();
    const bool cycleOpen = m_cursor != "0";
    if (!cycleOpen && m_lastDiscovery
        && now - *m_lastDiscovery < m_config.queueSystem.discoveryInterval)
        return;
    if (!cycleOpen)
        m_scanFound.clear();
    for (int step = 0; step < scanStepsPerDiscovery; ++step) {
        const Reply reply
            = m_client->command(Command {"SCAN", m_cursor, "MATCH", celery::bindingMatch(m_prefix),
                                    "COUNT", QByteArray::number(scanCount)},
                cost);
        if (reply.isError() || reply.size() != 2)
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
                m_config.endpoint, QStringLiteral("SCAN failed: %1").arg(reply.toDebugString()));
        QList<Command> members;
        QList<QByteArray> keys;
        for (const Reply& key : reply.at(1).elements()) {
            keys.append(key.toByteArray());
            members.append(Command {"SMEMBERS", key.toByteArray()});
        }
        if (!members.isEmpty()) {
            const QList<Reply> sets = m_client->pipeline(members, cost);
            for (qsizetype i = 0; i < sets.size() && i < keys.size(); ++i) {
                for (const Reply& member : sets[i].elements()) {
                    const QString queue
                        = celery::queueOfBinding(keys[i], member.toByteArray(), m_prefix);
                    if (!queue.isEmpty())
                        m_scanFound.insert(queue);
                }
            }
        }
        m_cursor = reply.at(0).toByteArray();
        if (m_cursor == "0")
            break;
    }
    if (m_cursor == "0" || m_bound.isEmpty()) {
        m_bound = QStringList(m_scanFound.cbegin(), m_scanFound.cend());
        m_lastDiscovery = now;
    }
}

ClusterStats CeleryBackend::poll()
{
    QElapsedTimer elapsed;
    elapsed.start();
    redis::CallStats cost;
    discoverIfDue(&cost);

    // Configured queues first, in their order; then the bound ones by name.
    QStringList queues = m_config.queueSystem.celeryQueues;
    QStringList bound = m_bound;
    std::sort(bound.begin(), bound.end());
    for (const QString& queue : bound) {
        if (!queues.contains(queue))
            queues.append(queue);
    }

    const QDateTime wallNow = m_clock.wallNow();
    const double nowSeconds = static_cast<double>(wallNow.toMSecsSinceEpoch()) / 1000.0;
    const double visibility
        = static_cast<double>(m_config.queueSystem.celeryVisibilityTimeout.count()) / 1000.0;
    QList<Command> commands = celery::pollCommands(queues, nowSeconds - visibility, m_prefix);
    commands.append(Command {"INFO"});
    const qsizetype brokerCommands = commands.size();
    commands.append(m_census.commands());
    QList<Reply> replies = m_client->pipeline(commands, &cost);
    const QList<Reply> censusReplies = replies.mid(std::min(brokerCommands, replies.size()));
    replies.resize(std::min(brokerCommands, replies.size()));
    const Reply info = replies.isEmpty() ? Reply() : replies.takeLast();
    celery::PollReading reading = celery::readPoll(queues, replies);
    if (!reading.error.isEmpty())
        throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, m_config.name,
            m_config.endpoint, QStringLiteral("Celery poll failed: %1").arg(reading.error));

    ClusterStats stats;
    stats.clusterName = m_config.name;
    stats.system = queueSystemTypeName(QueueSystemType::Celery);
    stats.rateSource = QStringLiteral("events");
    stats.queues.reserve(reading.queues.size());
    for (const celery::QueueReading& queue : reading.queues) {
        QueueStat& stat = stats.queues.emplace_back();
        stat.name = queue.name;
        stat.key = queue.name;
        stat.length = queue.length;
        // The broker has no pause; the other states are not in Redis (running tasks are
        // acknowledged on start, results live in the result backend by task id only).
        stat.pausable = false;
    }
    // Delivered to a worker and not acknowledged: prefetched, waiting for an ETA, or running
    // with late acknowledgement.
    stats.processingCount = reading.unacked;
    // Past the visibility timeout: kombu puts them back on their queue, to be run again.
    stats.retryCount = reading.overdueUnacked;

    // The subscription is an extra: when it fails the queues are still worth showing, and
    // the workers are unknown.
    const auto now = m_clock.now();
    stats.workerCount = std::nullopt;
    try {
        if (!m_events)
            m_events = std::make_unique<celery::EventWatch>(
                eventSettings(), effectiveDb(m_config), m_prefix);
        m_events->drain(now);
        if (const auto workers = m_events->workers(now)) {
            stats.workers = *workers;
            stats.workerCount = static_cast<int>(workers->size());
        }
        if (const auto rates = m_events->rates(now)) {
            stats.ratesKnown = true;
            stats.jobRate = rates->jobsPerSecond;
            stats.errorRate = rates->errorShare;
        }
    } catch (const redis::ConnectionError&) {
        // Made again at the next poll, to the master the client knows then (a Sentinel
        // failover moves it).
        m_events.reset();
        stats.workerCount = std::nullopt;
    }
    stats.workersComplete = stats.workerCount.has_value() && m_cursor == "0";

    if (info.isString())
        RedisInfo::addTo(info.toByteArray(), stats.server);
    stats.server.masters = 1;
    stats.latencyMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
    // A failed task is a result in the result backend, one key per task and no index: counted
    // by the census a step per poll, unknown until a pass has read results it can decode. A
    // census that fails leaves the broker's figures standing, and is logged once per kind of
    // failure rather than at every poll.
    if (const QString error = m_census.apply(censusReplies); error != m_censusError) {
        if (!error.isEmpty())
            spdlog::warn("celery: cluster \"{}\": counting failed results: {}",
                m_config.name.toStdString(), error.toStdString());
        m_censusError = error;
    }
    const std::optional<qint64> failures = m_census.failures();
    stats.deadLettersKnown = failures.has_value();
    stats.deadLetterCount = failures.value_or(0);
    // Celery keeps no count of completed tasks: a success is a result that expires.
    stats.completedKnown = false;
    stats.cost = PollCost {cost.roundTrips, cost.commands, cost.bytesSent, cost.bytesReceived};
    stats.polledAt = wallNow;
    m_lastReading = std::move(reading);
    return stats;
}

} // namespace qd
