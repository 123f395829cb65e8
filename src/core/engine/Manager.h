#pragma once

#include "core/compare/AnomalyDetector.h"
#include "core/compare/CompareEngine.h"
#include "core/compare/CompareResult.h"
#include "core/config/Config.h"
#include "core/engine/ClusterRuntime.h"
#include "core/events/EventBus.h"
#include "core/health/HealthMonitor.h"
#include "core/stats/Poller.h"
#include "core/stats/StatsCache.h"
#include "core/stats/TrendStore.h"
#include "core/util/Clock.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace qd {

class ConfigFile;

// The engine's facade, what the API's Go example calls the Manager: configuration, polling,
// cached stats, trends, health, comparison, events, and runtime changes to the set of clusters.
// The GUI, the API and library users all go through it. Lives on the main thread; every method
// returns at once (Redis is only reached from pool threads).
class Manager final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Manager)

public:
    // Throws ClusterError(InvalidConfig) when the configuration has errors.
    explicit Manager(
        Config config, const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~Manager() override;

    // Starts polling. Separate from construction so that callers can connect first (the event
    // buffer replays what they would have missed anyway).
    void start();
    // Saves runtime changes (clusters added, edited, removed) to this file. Not owned.
    void setConfigFile(ConfigFile* file) { m_configFile = file; }

    const Config& config() const { return m_config; }
    QStringList clusterNames() const; // config order, enabled and disabled
    QStringList enabledClusters() const;
    const ClusterConfig& cluster(const QString& name) const; // throws ClusterError(Unknown)

    // Cached stats of every enabled cluster that has been polled successfully.
    QMap<QString, ClusterStats> allStats() const;
    // Throws ClusterError: Unknown, Disabled, or NoData (not polled successfully yet). A read
    // of stats older than cache.ttl asks for a refresh and still answers with what it has.
    ClusterStats stats(const QString& name);
    // The cached stats, however old; nullopt when never polled. Never throws.
    std::optional<ClusterStats> cachedStats(const QString& name) const { return m_cache.get(name); }
    // The cache's own copy, for readers that go through many clusters at once (a /metrics
    // scrape): nullptr when never polled. Valid until the cluster's next poll result or removal,
    // i.e. within one call on the main thread.
    const ClusterStats* latestStats(const QString& name) const { return m_cache.latest(name); }
    // POST /api/v1/stats/compare for two to four... or more clusters; throws ClusterError.
    CompareResult compare(const QStringList& names) const;
    // Throws ClusterError: Unknown, Disabled. An enabled cluster not polled yet is "unknown".
    HealthReport health(const QString& name) const;
    // The same without exceptions, for readers that follow clusters coming and going: nullopt
    // for a cluster that does not exist (any more) or is disabled.
    std::optional<HealthReport> findHealth(const QString& name) const;
    QList<HealthReport> healthAll() const; // enabled clusters, config order
    bool isReachable(const QString& name) const;

    // Runtime changes: validated, applied without restart, saved when a config file is set,
    // announced with config_changed. Throw ClusterError (Duplicate, Unknown, InvalidConfig).
    void addCluster(const ClusterConfig& cluster);
    void updateCluster(const QString& name, const ClusterConfig& cluster);
    // Replaces the health block (rules' timings and thresholds, for every cluster); validated
    // and saved like a cluster change. Evidence gathered so far is kept. Throws ClusterError.
    void setHealthConfig(const HealthConfig& health);
    void removeCluster(const QString& name);

    // The UI state the /api/v1/ui endpoints expose, shared by the GUI and the API.
    QString activeCluster() const { return m_activeCluster; }
    void switchCluster(const QString& name); // throws ClusterError(Unknown)
    const CompareModeConfig& compareMode() const { return m_config.compareMode; }
    void setCompareMode(bool enabled, const QStringList& clusters); // throws ClusterError

    void refresh(const QString& name = {});
    void setPollingEnabled(bool enabled);

    EventBus& events() { return m_events; }
    const TrendStore& trends() const { return m_trends; }
    const Clock& clock() const { return m_clock; }
    // For actions: the cluster's Redis client, shared with its polls (nullptr if not running).
    std::shared_ptr<redis::RedisClient> client(const QString& name) const;

Q_SIGNALS:
    // Every poll as it starts and ends (failed and abandoned ones too), after the engine has
    // taken its result in: for metrics and for tests that watch the schedule.
    void pollStarted(const QString& cluster);
    void pollFinished(const qd::PollResult& result);
    void statsUpdated(const QString& cluster);
    void healthUpdated(const QString& cluster);
    void clustersChanged();
    void activeClusterChanged(const QString& cluster);
    void compareModeChanged();

private:
    void onPollFinished(const PollResult& result);
    void startCluster(const ClusterConfig& cluster);
    void stopCluster(const QString& name);
    void publishTransitions(ClusterRuntime& runtime, const HealthTransition& transition);
    void publishAnomalies(ClusterRuntime& runtime);
    void commitConfig(const Config& next, const QString& message);
    const ClusterRuntime& runtime(const QString& name) const;

    const Clock& m_clock;
    Config m_config;
    ConfigFile* m_configFile = nullptr;
    EventBus m_events;
    StatsCache m_cache;
    TrendStore m_trends;
    HealthMonitor m_health;
    CompareEngine m_compare;
    AnomalyDetector m_anomalies;
    Poller m_poller;
    QHash<QString, std::shared_ptr<ClusterRuntime>> m_runtimes; // enabled clusters only
    QString m_activeCluster;
    bool m_started = false;
};

} // namespace qd
