#pragma once

#include <QtGlobal>

#include <chrono>
#include <deque>

namespace qd {

// Derives job_rate and error_rate from successive lengths of the completed and dead-letter
// lists: the queue system keeps no counters, so growth over time is the only signal.
// A list that shrank (trimmed, purged, requeued) is a reset: that interval counts no growth,
// never a negative rate.
class RateTracker final {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit RateTracker(std::chrono::milliseconds window = std::chrono::seconds(60));

    void add(TimePoint at, qint64 completedLength, qint64 deadLetterLength);

    bool known() const { return m_intervals.size() > 0; }
    // Completed jobs per second between the last two samples.
    double jobRate() const;
    // Dead-letter share of jobs finished within the window: dlq / (completed + dlq), 0..1.
    double errorRate() const;
    void reset();

private:
    struct Interval {
        TimePoint end;
        double seconds = 0;
        qint64 completed = 0;
        qint64 deadLettered = 0;
    };

    std::chrono::milliseconds m_window;
    bool m_hasLast = false;
    TimePoint m_lastAt {};
    qint64 m_lastCompleted = 0;
    qint64 m_lastDeadLetter = 0;
    std::deque<Interval> m_intervals;
};

} // namespace qd
