#pragma once

#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"

namespace qd {

// RQ's steering (docs/queue-systems/rq.md, "Actions"). Each change is a script of QueueDeck's
// own doing the steps RQ's own code takes, atomically per batch; RQ's Python API is never
// needed on the way.

// Moves every failed job of every queue back to its origin queue, as
// FailedJobRegistry.requeue() does.
class RqRequeueFailedRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// Deletes every failed job of every queue: its registry entry and its keys.
class RqPurgeFailedRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// Empties one queue as Queue.empty() does: the waiting ids and their job hashes.
class RqClearQueueRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// Sets or deletes rq:suspended, as `rq suspend` / `rq resume` do. RQ has no per-queue pause:
// this holds every worker of the database, whichever queue was named.
class RqSuspendRunner final : public ActionRunner {
public:
    explicit RqSuspendRunner(bool suspend) : m_suspend(suspend) { }
    TargetResult run(const ActionContext& context) override;

private:
    bool m_suspend;
};

// The runner of a type for RQ; nullptr when RQ cannot run it.
std::unique_ptr<ActionRunner> rqRunner(ActionType type);

} // namespace qd
