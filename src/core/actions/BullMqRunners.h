#pragma once

#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"

namespace qd {

// BullMQ's steering (docs/queue-systems/bullmq.md, "Actions"). Each change is one script of
// QueueDeck's own that keeps the invariants BullMQ's scripts keep (the wake-up marker, the
// events stream, where a job waits by its priority); flow jobs (with a parent or children)
// are left alone, since their links span other jobs.

// Sets or clears meta.paused; on resume, re-adds the marker idle workers block on.
class BullMqPauseRunner final : public ActionRunner {
public:
    explicit BullMqPauseRunner(bool pause) : m_pause(pause) { }
    TargetResult run(const ActionContext& context) override;

private:
    bool m_pause;
};

// Moves every failed job of every queue back to wait (or prioritized), in batches.
class BullMqRequeueFailedRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// Deletes every failed job of every queue (its hash and sub-keys), in batches.
class BullMqPurgeFailedRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// The runner of a type for BullMQ; nullptr when BullMQ cannot run it.
std::unique_ptr<ActionRunner> bullMqRunner(ActionType type);

} // namespace qd
