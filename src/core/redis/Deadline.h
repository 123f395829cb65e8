#pragma once

#include "core/util/Duration.h"

#include <algorithm>
#include <chrono>

namespace qd::redis {

// A point in time an I/O operation must finish by, turned into poll() timeouts. One deadline
// covers a whole operation (connect + handshake, or a whole pipeline), so many small waits
// cannot add up to more than the configured timeout.
class Deadline final {
public:
    using Clock = std::chrono::steady_clock;

    explicit Deadline(Millis timeout) : m_timeout(timeout), m_end(Clock::now() + timeout) { }

    Millis timeout() const { return m_timeout; }
    bool expired() const { return Clock::now() >= m_end; }
    // Milliseconds left, rounded up so poll() never spins on a sub-millisecond remainder.
    int remainingMs() const
    {
        const auto left = std::chrono::ceil<Millis>(m_end - Clock::now()).count();
        return static_cast<int>(std::clamp<decltype(left)>(left, 0, 1 << 30));
    }

private:
    Millis m_timeout;
    Clock::time_point m_end;
};

} // namespace qd::redis
