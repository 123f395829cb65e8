#include "core/actions/ActionRunner.h"

#include "core/actions/BenchmarkRunner.h"
#include "core/actions/BullMqRunners.h"
#include "core/actions/CeleryRunners.h"
#include "core/actions/RequeueDeadLettersRunner.h"
#include "core/actions/RqRunners.h"
#include "core/actions/SidekiqRunners.h"
#include "core/actions/SimpleRunners.h"
#include "core/config/Config.h"

namespace qd {
namespace {

std::unique_ptr<ActionRunner> goRedisWorkQueueRunner(ActionType type)
{
    switch (type) {
    case ActionType::PurgeDeadLetters:
        return std::make_unique<PurgeDeadLettersRunner>();
    case ActionType::PauseQueue:
        return std::make_unique<PauseQueueRunner>(true);
    case ActionType::ResumeQueue:
        return std::make_unique<PauseQueueRunner>(false);
    case ActionType::Peek:
        return std::make_unique<PeekRunner>();
    case ActionType::RequeueDeadLetters:
        return std::make_unique<RequeueDeadLettersRunner>();
    case ActionType::Benchmark:
        return std::make_unique<BenchmarkRunner>();
    case ActionType::ClearQueue:
        return std::make_unique<ClearQueueRunner>();
    case ActionType::QuietProcess:
    case ActionType::StopProcess:
        break;
    }
    return nullptr;
}

// Sidekiq has no persistent pause and would execute benchmark jobs: the catalog refuses those
// types before a runner is asked for.
std::unique_ptr<ActionRunner> sidekiqRunner(ActionType type)
{
    switch (type) {
    case ActionType::PurgeDeadLetters:
        return std::make_unique<SidekiqPurgeRunner>();
    case ActionType::RequeueDeadLetters:
        return std::make_unique<SidekiqRequeueRunner>();
    case ActionType::Peek:
        return std::make_unique<SidekiqPeekRunner>();
    case ActionType::ClearQueue:
        return std::make_unique<SidekiqClearQueueRunner>();
    case ActionType::QuietProcess:
        return std::make_unique<SidekiqSignalRunner>(false);
    case ActionType::StopProcess:
        return std::make_unique<SidekiqSignalRunner>(true);
    case ActionType::PauseQueue:
    case ActionType::ResumeQueue:
    case ActionType::Benchmark:
        break;
    }
    return nullptr;
}

} // namespace

std::unique_ptr<ActionRunner> ActionRunner::create(const QString& type, QueueSystemType system)
{
    const auto known = actionTypeFromName(type);
    if (!known)
        return nullptr;
    switch (system) {
    case QueueSystemType::GoRedisWorkQueue:
        return goRedisWorkQueueRunner(*known);
    case QueueSystemType::Sidekiq:
        return sidekiqRunner(*known);
    case QueueSystemType::BullMQ:
        return bullMqRunner(*known);
    case QueueSystemType::RQ:
        return rqRunner(*known);
    case QueueSystemType::Celery:
        return celeryRunner(*known);
    }
    return nullptr;
}

} // namespace qd
