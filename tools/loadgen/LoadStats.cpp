#include "loadgen/LoadStats.h"

namespace qd::loadgen {

LoadStats::LoadStats(QStringList queueNames)
    : m_queueNames(std::move(queueNames))
    , m_produced(std::make_unique<std::atomic<qint64>[]>(m_queueNames.size()))
{
}

void LoadStats::addProduced(qsizetype queueIndex, qint64 count)
{
    m_produced[queueIndex] += count;
}

LoadSnapshot LoadStats::snapshot(double elapsedSeconds) const
{
    LoadSnapshot shot;
    shot.elapsedSeconds = elapsedSeconds;
    for (qsizetype i = 0; i < m_queueNames.size(); ++i) {
        const qint64 count = m_produced[i].load();
        shot.producedPerQueue.append(count);
        shot.produced += count;
    }
    shot.taken = taken.load();
    shot.completed = completed.load();
    shot.failed = failed.load();
    shot.retried = retried.load();
    shot.deadLettered = deadLettered.load();
    shot.handedBack = handedBack.load();
    shot.errors = errors.load();
    return shot;
}

} // namespace qd::loadgen
