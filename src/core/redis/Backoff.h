#pragma once

#include "core/util/Duration.h"

#include <functional>

namespace qd::redis {

// Capped exponential backoff with jitter for reconnects: 100 ms, 200 ms, 400 ms ... up to the
// cap, each delay drawn from [half, full] of its step so pools of many QueueDeck instances do not
// hammer a recovering server in lockstep, yet never retry sooner than half the step.
class Backoff final {
public:
    // random() returns a value in [0, 1); the default draws from QRandomGenerator.
    Backoff(Millis initial, Millis cap, std::function<double()> random = {});

    // The delay to wait after one more failure.
    Millis next();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    Millis m_initial;
    Millis m_cap;
    std::function<double()> m_random;
    int m_failures = 0;
};

} // namespace qd::redis
