#pragma once

#include "core/actions/ActionRunner.h"

namespace qd {

// purge_dlq: counts and unlinks the dead-letter list in one atomic script, so the number
// reported is exactly what was removed even while workers keep dead-lettering.
class PurgeDeadLettersRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// clear_queue: the same atomic count-and-unlink on one configured queue's list.
class ClearQueueRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// pause_queue / resume_queue: sets or clears the queue's pause flag (the contract cooperating
// workers follow, docs/queue-systems/go-redis-work-queue.md) and reads it back.
class PauseQueueRunner final : public ActionRunner {
public:
    explicit PauseQueueRunner(bool pause) : m_pause(pause) { }
    TargetResult run(const ActionContext& context) override;

private:
    bool m_pause;
};

// peek: the next jobs a worker would take from a queue (or the oldest dead letters), read-only.
class PeekRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

} // namespace qd
