#include "loadgen/RunControl.h"

namespace qd::loadgen {

void RunControl::request(Mode mode)
{
    {
        std::lock_guard lock(m_mutex);
        Mode expected = Mode::Running;
        m_mode.compare_exchange_strong(expected, mode);
    }
    m_changed.notify_all();
}

bool RunControl::sleepUntil(TimePoint deadline)
{
    std::unique_lock lock(m_mutex);
    return !m_changed.wait_until(lock, deadline, [this] { return !running(); });
}

} // namespace qd::loadgen
