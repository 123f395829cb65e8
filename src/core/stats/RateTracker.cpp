#include "core/stats/RateTracker.h"

namespace qd {

RateTracker::RateTracker(std::chrono::milliseconds window) : m_window(window)
{
}

void RateTracker::reset()
{
    m_hasLast = false;
    m_intervals.clear();
}

void RateTracker::add(TimePoint at, qint64 completedLength, qint64 deadLetterLength)
{
    if (m_hasLast && at > m_lastAt) {
        Interval interval;
        interval.end = at;
        interval.seconds = std::chrono::duration<double>(at - m_lastAt).count();
        interval.completed = std::max<qint64>(0, completedLength - m_lastCompleted);
        interval.deadLettered = std::max<qint64>(0, deadLetterLength - m_lastDeadLetter);
        m_intervals.push_back(interval);
        while (m_intervals.size() > 1 && at - m_intervals.front().end > m_window)
            m_intervals.pop_front();
    }
    m_hasLast = true;
    m_lastAt = at;
    m_lastCompleted = completedLength;
    m_lastDeadLetter = deadLetterLength;
}

double RateTracker::jobRate() const
{
    if (m_intervals.empty() || m_intervals.back().seconds <= 0)
        return 0;
    return static_cast<double>(m_intervals.back().completed) / m_intervals.back().seconds;
}

double RateTracker::errorRate() const
{
    qint64 completed = 0;
    qint64 deadLettered = 0;
    for (const Interval& interval : m_intervals) {
        completed += interval.completed;
        deadLettered += interval.deadLettered;
    }
    const qint64 finished = completed + deadLettered;
    return finished == 0 ? 0.0 : static_cast<double>(deadLettered) / static_cast<double>(finished);
}

} // namespace qd
