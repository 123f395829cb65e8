#pragma once

#include "core/compare/Anomaly.h"
#include "core/compare/AnomalyThresholds.h"
#include "core/config/ClusterConfig.h"
#include "core/config/Config.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthTracker.h"
#include "core/health/PollFailure.h"
#include "core/stats/ClusterStats.h"

#include <QList>
#include <QSet>

#include <algorithm>
#include <memory>
#include <optional>

namespace qd {

class QueueBackend;
namespace redis {
class RedisClient;
}

// Everything the engine keeps about one watched cluster. Owned and touched by the main thread
// only; the backend and client are shared with the pool thread running its poll.
struct ClusterRuntime {
    ClusterConfig config;
    std::shared_ptr<redis::RedisClient> client;
    std::shared_ptr<QueueBackend> backend;
    std::optional<ClusterStats> latest;
    // Recent successful polls, oldest first, ending with `latest`, for the health rules
    // (growth streaks) and the temporal anomaly baseline. Only as many polls as those read
    // (see remember()), and without the per-worker list, which no reader of the history looks
    // at: 60 full polls of 200 workers each come to about 1 MB per cluster.
    QList<ClusterStats> history;
    std::optional<PollFailure> lastFailure; // set while the most recent attempt failed
    HealthReport health;
    HealthTracker tracker;
    QSet<QString> activeAnomalies; // "type/metric" keys seen in the previous poll

    // How many polls the history must hold, the current one included: the longest "grew in
    // each of the last N polls" health rule needs N earlier polls, the temporal anomaly
    // baseline `baselinePolls` of them. More would only cost memory.
    static qsizetype historyDepth(const HealthConfig& health, const AnomalyThresholds& anomalies)
    {
        const int earlier = std::max(
            {anomalies.baselinePolls, health.deadLetterGrowthPolls, health.backlogGrowthPolls, 0});
        return qsizetype(earlier) + 1;
    }

    // Appends a finished poll to `history` and keeps the newest `depth` (at least 1).
    void remember(const ClusterStats& stats, qsizetype depth)
    {
        ClusterStats entry = stats;
        entry.workers = {}; // workerCount and workersComplete stay: the rules read those
        history.append(std::move(entry));
        const qsizetype excess = history.size() - std::max<qsizetype>(1, depth);
        if (excess > 0)
            history.remove(0, excess);
    }
};

} // namespace qd
