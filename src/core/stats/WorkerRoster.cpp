#include "core/stats/WorkerRoster.h"

#include <QSet>

#include <algorithm>

namespace qd {

void WorkerRoster::apply(ClusterStats& stats)
{
    const QDateTime now = stats.polledAt;
    QSet<QString> listed;
    for (WorkerStat& worker : stats.workers) {
        listed.insert(worker.id);
        if (worker.live())
            m_lastSeen.insert(worker.id, now);
    }
    // Forget before re-adding: a worker silent for longer than the window is no evidence of
    // anything any more.
    const qint64 windowMs = m_window.count();
    m_lastSeen.removeIf([&](const auto& it) {
        return !it.value().isValid() || it.value().msecsTo(now) > windowMs;
    });
    bool added = false;
    for (auto it = m_lastSeen.cbegin(); it != m_lastSeen.cend(); ++it) {
        if (listed.contains(it.key()))
            continue;
        WorkerStat idle;
        idle.id = it.key();
        idle.idle = true;
        stats.workers.append(idle);
        added = true;
    }
    for (WorkerStat& worker : stats.workers) {
        const auto seen = m_lastSeen.constFind(worker.id);
        if (seen != m_lastSeen.cend())
            worker.lastSeen = *seen;
    }
    if (added) {
        std::sort(stats.workers.begin(), stats.workers.end(),
            [](const WorkerStat& a, const WorkerStat& b) { return a.id < b.id; });
    }
}

} // namespace qd
