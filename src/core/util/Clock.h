#pragma once

#include <QDateTime>

#include <chrono>

namespace qd {

// The engine's source of time. TTLs, rates and trends read it instead of the system clock so
// tests can move time by hand; production code uses Clock::system().
class Clock {
public:
    virtual ~Clock() = default;
    // Monotonic time for intervals (never jumps backwards).
    virtual std::chrono::steady_clock::time_point now() const = 0;
    // Wall time for timestamps shown to people and written to logs and the audit log.
    virtual QDateTime wallNow() const = 0;

    static const Clock& system();
};

// A clock that only moves when told to; for tests and benchmarks.
class ManualClock final : public Clock {
public:
    ManualClock();
    std::chrono::steady_clock::time_point now() const override { return m_now; }
    QDateTime wallNow() const override { return m_wall; }
    void advance(std::chrono::milliseconds by);

private:
    std::chrono::steady_clock::time_point m_now;
    QDateTime m_wall;
};

} // namespace qd
