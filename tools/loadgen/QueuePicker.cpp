#include "loadgen/QueuePicker.h"

namespace qd::loadgen {

QueuePicker::QueuePicker(QList<double> weights)
    : m_weights(std::move(weights)), m_current(m_weights.size(), 0.0)
{
    for (double weight : std::as_const(m_weights))
        m_total += weight;
}

qsizetype QueuePicker::next()
{
    qsizetype best = 0;
    for (qsizetype i = 0; i < m_weights.size(); ++i) {
        m_current[i] += m_weights.at(i);
        if (m_current.at(i) > m_current.at(best))
            best = i;
    }
    m_current[best] -= m_total;
    return best;
}

} // namespace qd::loadgen
