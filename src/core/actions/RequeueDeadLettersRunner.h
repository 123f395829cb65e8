#pragma once

#include "core/actions/ActionRunner.h"

namespace qd {

// requeue_dlq: moves dead letters back to a queue (their original one, from the job's
// "priority", or the one given) with retries reset to 0. Batches run as server-side scripts:
// each batch is atomic, short enough not to block Redis noticeably, and keeps the jobs' order.
// Jobs that cannot be placed (unknown priority) are skipped and stay dead letters, in order.
class RequeueDeadLettersRunner final : public ActionRunner {
public:
    static constexpr int kBatch = 1000;
    TargetResult run(const ActionContext& context) override;

private:
    TargetResult moveAll(const ActionContext& context);
    TargetResult moveListed(const ActionContext& context);
};

} // namespace qd
