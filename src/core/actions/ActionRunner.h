#pragma once

#include "core/actions/MultiAction.h"
#include "core/config/ClusterConfig.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace qd {

namespace redis {
class RedisClient;
}

// What one target of an action runs with, on a pool thread.
struct ActionContext {
    QString actionId;
    const ClusterConfig& cluster;
    redis::RedisClient& client;
    const QJsonObject& parameters;
    const std::atomic<bool>& cancelled;
    std::chrono::steady_clock::time_point deadline;
    std::function<void(qint64 done, qint64 total)> progress;

    // Long actions check this between batches: a cancel or the type's timeout stops them
    // cleanly at a batch boundary, never in the middle of one.
    bool shouldStop() const
    {
        return cancelled.load() || std::chrono::steady_clock::now() >= deadline;
    }
    QString stopReason() const
    {
        return cancelled.load() ? QStringLiteral("cancelled") : QStringLiteral("timed out");
    }
};

// One action type's work on one cluster. Returns the target's result (success with figures,
// or failure with the reason); throws only for connection failures, which the engine reports.
class ActionRunner {
public:
    virtual ~ActionRunner() = default;
    virtual TargetResult run(const ActionContext& context) = 0;

    // The runner of a type for a queue system; nullptr when the system cannot run the type
    // (the engine refuses those before anything runs: ActionCatalog says which).
    static std::unique_ptr<ActionRunner> create(const QString& type, QueueSystemType system);
};

} // namespace qd
