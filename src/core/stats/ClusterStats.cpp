#include "core/stats/ClusterStats.h"

namespace qd {

qint64 ClusterStats::totalQueued() const
{
    qint64 total = 0;
    for (const QueueStat& queue : queues)
        total += queue.length;
    return total;
}

QMap<QString, qint64> ClusterStats::queueSizes() const
{
    QMap<QString, qint64> sizes;
    for (const QueueStat& queue : queues)
        sizes.insert(queue.name, queue.length);
    return sizes;
}

QStringList ClusterStats::pausedQueues() const
{
    QStringList names;
    for (const QueueStat& queue : queues) {
        if (queue.paused)
            names.append(queue.name);
    }
    return names;
}

QStringList ClusterStats::orphanedWorkers() const
{
    QStringList ids;
    for (const WorkerStat& worker : workers) {
        if (worker.orphaned())
            ids.append(worker.id);
    }
    return ids;
}

} // namespace qd
