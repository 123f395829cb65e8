#pragma once

#include "core/util/Duration.h"

namespace qd::loadgen {

// Receives SIGINT and SIGTERM synchronously. The constructor blocks both in the calling thread,
// and threads started afterwards inherit the mask, so the signals wait for wait() instead of
// interrupting some worker's socket call; no handler, no async-signal-safety concerns.
// Construct it in main() before any other thread exists.
class SignalWaiter final {
public:
    SignalWaiter();
    SignalWaiter(const SignalWaiter&) = delete;
    SignalWaiter& operator=(const SignalWaiter&) = delete;

    // The signal that arrived within timeout, or 0.
    int wait(Millis timeout);
};

} // namespace qd::loadgen
