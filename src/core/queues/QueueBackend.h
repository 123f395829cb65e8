#pragma once

#include "core/stats/PollTarget.h"

namespace qd {

// A job-queue system QueueDeck can read and operate. The engine polls it through PollTarget and
// runs actions through the operations below; each implementation knows its own key layout.
// Every call blocks and runs on a worker thread.
class QueueBackend : public PollTarget {
public:
    // Adds the Redis layer's connection errors (refused, timeout, auth, ...) to the base
    // translation, keeping their kind and severity.
    PollFailure describeFailure(std::exception_ptr error) const override;
};

} // namespace qd
