#pragma once

#include "core/compare/Anomaly.h"
#include "core/config/ClusterConfig.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthTracker.h"
#include "core/health/PollFailure.h"
#include "core/stats/ClusterStats.h"

#include <QList>
#include <QSet>

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
    QList<ClusterStats> history; // recent successful polls, oldest first, bounded
    std::optional<PollFailure> lastFailure; // set while the most recent attempt failed
    HealthReport health;
    HealthTracker tracker;
    QSet<QString> activeAnomalies; // "type/metric" keys seen in the previous poll

    static constexpr qsizetype kHistory = 60;
};

} // namespace qd
