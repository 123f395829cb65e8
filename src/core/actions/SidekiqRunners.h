#pragma once

#include "core/actions/ActionRunner.h"

namespace qd {

// The action runners of Sidekiq clusters (docs/queue-systems/sidekiq.md, "Steering in plain
// Redis"). Each takes the cluster's redis-namespace from its config and writes only through
// sidekiq::SidekiqSteering, so every write is the one the interop tests check against a real
// Sidekiq. The `set` parameter chooses the dead (default) or the retry set.

// purge_dlq: UNLINK the dead or retry set.
class SidekiqPurgeRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// requeue_dead_letters: every job of the set (oldest first, up to `limit`) or the ones listed
// in `ids` (jids), back to its own queue (or to `queue` when one is given), in batches.
class SidekiqRequeueRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// peek: the first `count` jobs of a queue (next to run first), or of the dead set ("dead_letter",
// newest first as Sidekiq's Web UI shows the morgue) or the retry set ("retry", next due first).
class SidekiqPeekRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// clear_queue: UNLINK queue:<q> and SREM it from `queues`.
class SidekiqClearQueueRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// quiet_process / stop_process: TSTP or TERM through the process's signals list.
class SidekiqSignalRunner final : public ActionRunner {
public:
    explicit SidekiqSignalRunner(bool stop) : m_stop(stop) { }
    TargetResult run(const ActionContext& context) override;

private:
    bool m_stop;
};

} // namespace qd
