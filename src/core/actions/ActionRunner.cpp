#include "core/actions/ActionRunner.h"

#include "core/actions/BenchmarkRunner.h"
#include "core/actions/RequeueDeadLettersRunner.h"
#include "core/actions/SimpleRunners.h"
#include "core/config/Config.h"

namespace qd {

std::unique_ptr<ActionRunner> ActionRunner::create(const QString& type)
{
    const auto known = actionTypeFromName(type);
    if (!known)
        return nullptr;
    switch (*known) {
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
    }
    return nullptr;
}

} // namespace qd
