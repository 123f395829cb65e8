#include "core/util/Clock.h"

namespace qd {
namespace {

class SystemClock final : public Clock {
public:
    std::chrono::steady_clock::time_point now() const override
    {
        return std::chrono::steady_clock::now();
    }
    QDateTime wallNow() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock()
    : m_now(std::chrono::steady_clock::time_point {} + std::chrono::hours(1))
    , m_wall(QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC))
{
}

void ManualClock::advance(std::chrono::milliseconds by)
{
    m_now += by;
    m_wall = m_wall.addMSecs(by.count());
}

} // namespace qd
