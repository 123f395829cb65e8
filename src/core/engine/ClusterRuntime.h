#pragma once

#include "core/compare/AnomalyThresholds.h"
#include "core/config/ClusterConfig.h"
#include "core/config/Config.h"
#include "core/health/HealthEvidence.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthTracker.h"
#include "core/stats/PollFailure.h"
#include "core/stats/WorkerRoster.h"

#include <QSet>

#include <algorithm>
#include <memory>
#include <optional>

namespace qd {

namespace redis {
class RedisClient;
}

// Everything the engine keeps about one watched cluster besides its polls, which live in the
// engine's StatsCache. Owned and touched by the main thread only; the client is shared with
// the pool thread running its poll (and with actions).
struct ClusterRuntime {
    ClusterConfig config;
    std::shared_ptr<redis::RedisClient> client;
    std::optional<PollFailure> lastFailure; // set while the most recent attempt failed
    HealthReport health;
    HealthEvidence evidence; // since when each health condition has held
    HealthTracker tracker;
    WorkerRoster roster {std::chrono::milliseconds(0)}; // workers seen alive of late
    QSet<QString> activeAnomalies; // "type/metric" keys seen in the previous poll

    // How many polls before the newest one the engine keeps per cluster: the longest "grew in
    // each of the last N polls" health rule needs N of them, the temporal anomaly baseline
    // `baselinePolls`. More would only cost memory.
    // How long a worker seen alive counts as present: the configured window, else the
    // heartbeat TTL (a worker between jobs beats again well within it).
    static std::chrono::milliseconds workerWindow(
        const HealthConfig& health, const ClusterConfig& cluster)
    {
        return health.workerWindow.count() > 0 ? health.workerWindow
                                               : cluster.queueSystem.workerHeartbeatTtl();
    }

    static qsizetype earlierPolls(const HealthConfig& health, const AnomalyThresholds& anomalies)
    {
        // One at least: whether the queues drain compares the newest poll with the one before.
        return std::max(
            {anomalies.baselinePolls, health.deadLetterGrowthPolls, health.backlogGrowthPolls, 1});
    }
};

} // namespace qd
