#include "core/actions/ActionRunner.h"

#include "core/actions/BenchmarkRunner.h"
#include "core/actions/RequeueDeadLettersRunner.h"
#include "core/actions/SimpleRunners.h"

namespace qd {

std::unique_ptr<ActionRunner> ActionRunner::create(const QString& type)
{
    if (type == u"purge_dlq")
        return std::make_unique<PurgeDeadLettersRunner>();
    if (type == u"pause_queue")
        return std::make_unique<PauseQueueRunner>(true);
    if (type == u"resume_queue")
        return std::make_unique<PauseQueueRunner>(false);
    if (type == u"peek")
        return std::make_unique<PeekRunner>();
    if (type == u"requeue_dlq")
        return std::make_unique<RequeueDeadLettersRunner>();
    if (type == u"benchmark")
        return std::make_unique<BenchmarkRunner>();
    return nullptr;
}

} // namespace qd
