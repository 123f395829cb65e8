#pragma once

#include "core/util/Duration.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace qd::loadgen {

// The stop switch shared by a run's threads, with sleeps a stop request cuts short, so a
// producer waiting for its next tick or a worker "working" on a long job reacts at once.
class RunControl final {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    enum class Mode {
        Running,
        Stop, // finish cleanly: hand the current job back, delete the heartbeat
        Abandon, // vanish like a crashed process: touch Redis no more
    };

    // The first request wins: a run told to abandon is not turned into a clean stop.
    void request(Mode mode);
    Mode mode() const { return m_mode.load(); }
    bool running() const { return mode() == Mode::Running; }

    // Sleeps until deadline; false when a stop request came first.
    bool sleepUntil(TimePoint deadline);
    bool sleepFor(Millis duration)
    {
        return sleepUntil(std::chrono::steady_clock::now() + duration);
    }

private:
    std::atomic<Mode> m_mode = Mode::Running;
    std::mutex m_mutex;
    std::condition_variable m_changed;
};

} // namespace qd::loadgen
