#include "core/engine/Manager.h"

#include "core/config/ConfigFile.h"
#include "core/config/ConfigValidator.h"
#include "core/errors/Errors.h"
#include "core/queues/QueueSystems.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "core/util/Log.h"

namespace qd {
namespace {

QString firstErrors(const QList<ConfigIssue>& issues)
{
    QStringList lines;
    for (const ConfigIssue& issue : issues) {
        if (issue.isError())
            lines.append(issue.toString());
    }
    return lines.join(QStringLiteral("; "));
}

qsizetype trendCapacity(const PollingConfig& polling)
{
    // One hour at poll resolution.
    return std::max<qsizetype>(60, 3'600'000 / std::max<qint64>(1, polling.interval.count()));
}

// A server that comes back must be seen by the next poll ("recovers within one interval"), so
// the pool's reconnect backoff may not outgrow the shortest gap between two polls (interval -
// jitter; half of it leaves room for a poll that itself took a while): each poll then finds the
// backoff over and dials again. A down cluster still costs at most one connect per poll.
Millis reconnectCap(const PollingConfig& polling)
{
    return std::clamp((polling.interval - polling.jitter) / 2, Millis(100), Millis(10000));
}

} // namespace

Manager::Manager(Config config, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_events(clock)
    , m_cache(clock, m_config.cache.ttl)
    , m_trends(trendCapacity(m_config.polling))
    , m_health(m_config.health)
    , m_compare(m_config.compareMode)
    , m_anomalies(m_config.compareMode.deltaThreshold)
    , m_poller(clock, m_config.polling)
{
    const QList<ConfigIssue> issues = m_config.validate();
    if (hasErrors(issues))
        throw ClusterError(ClusterError::Kind::InvalidConfig, {},
            QStringLiteral("invalid configuration: ") + firstErrors(issues));
    connect(&m_poller, &Poller::pollStarted, this, &Manager::pollStarted);
    connect(&m_poller, &Poller::pollFinished, this, &Manager::onPollFinished);
    m_activeCluster = m_config.defaultCluster;
    if (m_activeCluster.isEmpty() && !enabledClusters().isEmpty())
        m_activeCluster = enabledClusters().constFirst();
}

Manager::~Manager()
{
    for (const QString& name : m_runtimes.keys())
        m_poller.removeCluster(name);
    m_poller.waitForIdle();
}

void Manager::start()
{
    if (m_started)
        return;
    m_started = true;
    for (const ClusterConfig& cluster : std::as_const(m_config.clusters)) {
        if (cluster.enabled)
            startCluster(cluster);
    }
}

void Manager::startCluster(const ClusterConfig& cluster)
{
    log::addSecret(cluster.effectivePassword());
    auto rt = std::make_shared<ClusterRuntime>();
    rt->config = cluster;
    rt->health = m_health.evaluate(cluster.name, nullptr, std::nullopt, {});
    // Connects lazily: adding a cluster never waits on the network, and a cluster that is down
    // now is simply retried on every poll (with the pool's backoff).
    rt->client = redis::RedisClient::create(
        cluster, m_config.polling.timeout, reconnectCap(m_config.polling));
    m_runtimes.insert(cluster.name, rt);
    m_poller.addCluster(cluster.name, createQueueBackend(cluster, rt->client, m_clock));
}

void Manager::stopCluster(const QString& name)
{
    m_poller.removeCluster(name);
    m_runtimes.remove(name);
    m_cache.remove(name);
    m_trends.removeCluster(name);
}

const ClusterRuntime& Manager::runtime(const QString& name) const
{
    const auto it = m_runtimes.constFind(name);
    if (it != m_runtimes.cend())
        return **it;
    const ClusterConfig* cluster = m_config.cluster(name);
    if (!cluster)
        throw ClusterError(ClusterError::Kind::Unknown, name,
            QStringLiteral("cluster \"%1\" does not exist").arg(name));
    throw ClusterError(
        ClusterError::Kind::Disabled, name, QStringLiteral("cluster \"%1\" is disabled").arg(name));
}

QStringList Manager::clusterNames() const
{
    QStringList names;
    for (const ClusterConfig& cluster : m_config.clusters)
        names.append(cluster.name);
    return names;
}

QStringList Manager::enabledClusters() const
{
    QStringList names;
    for (const ClusterConfig& cluster : m_config.clusters) {
        if (cluster.enabled)
            names.append(cluster.name);
    }
    return names;
}

const ClusterConfig& Manager::cluster(const QString& name) const
{
    const ClusterConfig* found = m_config.cluster(name);
    if (!found)
        throw ClusterError(ClusterError::Kind::Unknown, name,
            QStringLiteral("cluster \"%1\" does not exist").arg(name));
    return *found;
}

QMap<QString, ClusterStats> Manager::allStats() const
{
    QMap<QString, ClusterStats> all;
    for (const QString& name : enabledClusters()) {
        if (const auto stats = m_cache.get(name))
            all.insert(name, *stats);
    }
    return all;
}

ClusterStats Manager::stats(const QString& name)
{
    const ClusterRuntime& rt = runtime(name);
    const auto cached = m_cache.get(name);
    if (!m_cache.isFresh(name))
        m_poller.refresh(name); // no-op while a poll is already in flight
    if (!cached) {
        const QString why
            = rt.lastFailure ? rt.lastFailure->message : QStringLiteral("not polled yet");
        throw ClusterError(ClusterError::Kind::NoData, name,
            QStringLiteral("no stats for cluster \"%1\": %2").arg(name, why));
    }
    return *cached;
}

CompareResult Manager::compare(const QStringList& names) const
{
    QList<CompareInput> inputs;
    QMap<QString, QString> missing;
    for (const QString& name : names) {
        const ClusterRuntime& rt = runtime(name);
        const ClusterStats* latest = m_cache.latest(name);
        if (!latest) {
            missing.insert(
                name, rt.lastFailure ? rt.lastFailure->message : QStringLiteral("not polled yet"));
            continue;
        }
        inputs.append(CompareInput {name, *latest, m_cache.earlier(name)});
    }
    if (!missing.isEmpty())
        throw MultiClusterError(missing);
    return m_compare.compare(inputs);
}

HealthReport Manager::health(const QString& name) const
{
    if (auto report = findHealth(name))
        return *std::move(report);
    const ClusterConfig& config = cluster(name); // throws ClusterError(Unknown)
    throw ClusterError(ClusterError::Kind::Disabled, config.name,
        QStringLiteral("cluster \"%1\" is disabled").arg(name));
}

std::optional<HealthReport> Manager::findHealth(const QString& name) const
{
    const auto it = m_runtimes.constFind(name);
    if (it != m_runtimes.cend())
        return (*it)->health;
    // Before start() (or between an update and its restart) an enabled cluster has no runtime
    // yet: nothing is known, which is "unknown", not an error a caller must special-case.
    const ClusterConfig* config = m_config.cluster(name);
    if (!config || !config->enabled)
        return std::nullopt;
    return m_health.evaluate(name, nullptr, std::nullopt, {});
}

QList<HealthReport> Manager::healthAll() const
{
    QList<HealthReport> reports;
    for (const QString& name : enabledClusters())
        reports.append(health(name));
    return reports;
}

bool Manager::isReachable(const QString& name) const
{
    const auto it = m_runtimes.constFind(name);
    return it != m_runtimes.cend() && (*it)->health.reachable;
}

std::shared_ptr<redis::RedisClient> Manager::client(const QString& name) const
{
    const auto it = m_runtimes.constFind(name);
    return it == m_runtimes.cend() ? nullptr : (*it)->client;
}

void Manager::onPollFinished(const PollResult& result)
{
    const auto it = m_runtimes.find(result.cluster);
    if (it == m_runtimes.end()) {
        Q_EMIT pollFinished(result);
        return;
    }
    ClusterRuntime& rt = **it;
    if (result.stats) {
        rt.lastFailure.reset();
        m_cache.put(
            *result.stats, ClusterRuntime::earlierPolls(m_config.health, m_anomalies.thresholds()));
        m_trends.record(*result.stats);
    } else if (result.failure) {
        rt.lastFailure = *result.failure;
        if (!rt.lastFailure->at.isValid())
            rt.lastFailure->at = m_clock.wallNow();
    }
    const QString& name = rt.config.name;
    rt.health
        = m_health.evaluate(name, m_cache.latest(name), rt.lastFailure, m_cache.earlier(name));
    publishTransitions(rt, rt.tracker.update(rt.health));
    if (result.stats) {
        publishAnomalies(rt);
        Q_EMIT statsUpdated(name);
    }
    Q_EMIT healthUpdated(name);
    Q_EMIT pollFinished(result);
}

void Manager::publishTransitions(ClusterRuntime& rt, const HealthTransition& t)
{
    const QString& name = rt.config.name;
    const QString label = rt.config.displayLabel();
    if (t.connected) {
        m_events.publish(
            events::kClusterConnected, name, QStringLiteral("Connected to cluster %1").arg(name));
        spdlog::info("cluster {} connected", log::s(name));
    }
    if (t.disconnected) {
        const QString why = rt.lastFailure ? rt.lastFailure->message : QString();
        m_events.publish(events::kClusterDisconnected, name,
            QStringLiteral("Lost cluster %1: %2").arg(name, why),
            {{QStringLiteral("reason"), rt.lastFailure ? rt.lastFailure->kind : QString()}});
        spdlog::warn("cluster {} disconnected: {}", log::s(name), log::s(why));
    }
    if (t.statusChanged) {
        m_events.publish(events::kHealthChanged, name,
            QStringLiteral("%1 is %2: %3")
                .arg(label, healthStatusName(t.current), rt.health.summary()),
            {{QStringLiteral("status"), healthStatusName(t.current)},
                {QStringLiteral("previous"), healthStatusName(t.previous)},
                {QStringLiteral("healthy"), rt.health.healthy}});
    }
}

void Manager::publishAnomalies(ClusterRuntime& rt)
{
    const QString& name = rt.config.name;
    const ClusterStats* latest = m_cache.latest(name);
    if (!latest)
        return;
    const QList<Anomaly> found
        = m_anomalies.temporal(CompareInput {name, *latest, m_cache.earlier(name)});
    QSet<QString> active;
    for (const Anomaly& anomaly : found) {
        const QString key = anomaly.key();
        active.insert(key);
        if (rt.activeAnomalies.contains(key))
            continue; // announced when it appeared, not on every poll it lasts
        m_events.publish(events::kAnomalyDetected, rt.config.name, anomaly.description,
            {{QStringLiteral("type"), anomaly.type}, {QStringLiteral("metric"), anomaly.metric},
                {QStringLiteral("value"), anomaly.value},
                {QStringLiteral("expected"), anomaly.expected},
                {QStringLiteral("severity"), severityName(anomaly.severity)}});
    }
    rt.activeAnomalies = active;
}

void Manager::commitConfig(const Config& next, const QString& message)
{
    const QList<ConfigIssue> issues = next.validate();
    if (hasErrors(issues))
        throw ClusterError(ClusterError::Kind::InvalidConfig, {}, firstErrors(issues));
    if (m_configFile) {
        QString error;
        if (!m_configFile->save(next, &error))
            throw ClusterError(ClusterError::Kind::SaveFailed, {}, error);
    }
    m_config = next;
    m_events.publish(events::kConfigChanged, {}, message);
    Q_EMIT clustersChanged();
}

void Manager::addCluster(const ClusterConfig& cluster)
{
    if (m_config.cluster(cluster.name))
        throw ClusterError(ClusterError::Kind::Duplicate, cluster.name,
            QStringLiteral("cluster \"%1\" already exists").arg(cluster.name),
            QStringLiteral("name"));
    Config next = m_config;
    next.clusters.append(cluster);
    commitConfig(next, QStringLiteral("Cluster %1 added").arg(cluster.name));
    if (cluster.enabled && m_started)
        startCluster(cluster);
}

void Manager::updateCluster(const QString& name, const ClusterConfig& cluster)
{
    const qsizetype index = m_config.indexOf(name);
    if (index < 0)
        throw ClusterError(ClusterError::Kind::Unknown, name,
            QStringLiteral("cluster \"%1\" does not exist").arg(name));
    if (cluster.name != name && m_config.cluster(cluster.name))
        throw ClusterError(ClusterError::Kind::Duplicate, cluster.name,
            QStringLiteral("cluster \"%1\" already exists").arg(cluster.name),
            QStringLiteral("name"));
    Config next = m_config;
    next.clusters[index] = cluster;
    if (next.defaultCluster == name)
        next.defaultCluster = cluster.name;
    for (QString& compared : next.compareMode.clusters) {
        if (compared == name)
            compared = cluster.name;
    }
    commitConfig(next, QStringLiteral("Cluster %1 updated").arg(cluster.name));
    // Hot switch: the old connections go, new ones come; trends of the same name stay.
    m_poller.removeCluster(name);
    m_runtimes.remove(name);
    m_cache.remove(name);
    if (cluster.name != name)
        m_trends.removeCluster(name);
    if (cluster.enabled && m_started)
        startCluster(cluster);
    if (m_activeCluster == name)
        m_activeCluster = cluster.name;
}

void Manager::removeCluster(const QString& name)
{
    if (m_config.indexOf(name) < 0)
        throw ClusterError(ClusterError::Kind::Unknown, name,
            QStringLiteral("cluster \"%1\" does not exist").arg(name));
    Config next = m_config;
    next.clusters.removeAt(next.indexOf(name));
    if (next.defaultCluster == name)
        next.defaultCluster.clear();
    next.compareMode.clusters.removeAll(name);
    if (next.compareMode.clusters.size() < 2)
        next.compareMode.clusters.clear();
    commitConfig(next, QStringLiteral("Cluster %1 removed").arg(name));
    stopCluster(name);
    if (m_activeCluster == name) {
        m_activeCluster = enabledClusters().isEmpty() ? QString() : enabledClusters().constFirst();
        Q_EMIT activeClusterChanged(m_activeCluster);
    }
}

void Manager::switchCluster(const QString& name)
{
    runtime(name); // throws for unknown or disabled clusters
    if (m_activeCluster == name)
        return;
    m_activeCluster = name;
    Q_EMIT activeClusterChanged(name);
}

void Manager::setCompareMode(bool enabled, const QStringList& clusters)
{
    for (const QString& name : clusters)
        runtime(name);
    if (enabled && !clusters.isEmpty()
        && (clusters.size() < CompareModeConfig::kMinClusters
            || clusters.size() > CompareModeConfig::kMaxClusters))
        throw ClusterError(ClusterError::Kind::InvalidConfig, {},
            QStringLiteral("compare %1 to %2 clusters, not %3")
                .arg(CompareModeConfig::kMinClusters)
                .arg(CompareModeConfig::kMaxClusters)
                .arg(clusters.size()),
            QStringLiteral("clusters"));
    m_config.compareMode.enabled = enabled;
    if (!clusters.isEmpty())
        m_config.compareMode.clusters = clusters;
    m_compare.setConfig(m_config.compareMode);
    m_anomalies.setDeltaThreshold(m_config.compareMode.deltaThreshold);
    Q_EMIT compareModeChanged();
}

void Manager::refresh(const QString& name)
{
    if (name.isEmpty())
        m_poller.refreshAll();
    else
        m_poller.refresh(runtime(name).config.name);
}

void Manager::setPollingEnabled(bool enabled)
{
    PollingConfig polling = m_poller.config();
    polling.enabled = enabled;
    m_poller.setConfig(polling);
    m_config.polling.enabled = enabled;
}

} // namespace qd
