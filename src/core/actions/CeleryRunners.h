#pragma once

#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"

namespace qd {

// Celery's steering (docs/queue-systems/celery.md, "Actions"). Only what kombu's own purge
// does: messages a worker holds (the unacked hash) are never touched, since kombu restores
// them itself and a hand-made change would break its bookkeeping.

// Empties a queue: its list and every priority list, in one script, as kombu's purge does.
class CeleryClearQueueRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;
};

// The runner of a type for Celery; nullptr when Celery cannot run it.
std::unique_ptr<ActionRunner> celeryRunner(ActionType type);

} // namespace qd
