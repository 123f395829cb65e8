#include "core/redis/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace qd::redis {

Backoff::Backoff(Millis initial, Millis cap, std::function<double()> random)
    : m_initial(initial), m_cap(std::max(cap, initial)), m_random(random ? std::move(random) : [] {
        return QRandomGenerator::global()->generateDouble();
    })
{
}

Millis Backoff::next()
{
    // Doubling stops once the cap is reached, so the shift can never overflow.
    Millis step = m_initial;
    for (int i = 0; i < m_failures && step < m_cap; ++i)
        step *= 2;
    step = std::min(step, m_cap);
    ++m_failures;
    const double fraction = 0.5 + 0.5 * std::clamp(m_random(), 0.0, 1.0);
    return Millis(static_cast<Millis::rep>(static_cast<double>(step.count()) * fraction));
}

} // namespace qd::redis
