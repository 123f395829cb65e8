#include "loadgen/LoadgenOptions.h"

#include "loadgen/KeySlotCheck.h"

#include <QSet>

namespace qd::loadgen {

using namespace Qt::StringLiterals;

QList<QueueShare> LoadgenOptions::effectiveQueues() const
{
    if (!queues.isEmpty())
        return queues;
    QList<QueueShare> all;
    for (const QueueKey& queue : cluster.queueSystem.queues)
        all.append({queue.name, 1.0});
    return all;
}

QString LoadgenOptions::validate() const
{
    const QueueSystemConfig& system = cluster.queueSystem;
    if (system.queues.isEmpty())
        return u"the queue system has no queues"_s;
    QSet<QString> keys;
    for (const QueueKey& queue : system.queues) {
        if (queue.name.isEmpty() || queue.key.isEmpty())
            return u"every queue needs a name and a key"_s;
        if (keys.contains(queue.key))
            return u"two queues share the key \""_s + queue.key + u'"';
        keys.insert(queue.key);
    }
    if (!system.processingPattern.contains(u'*') || !system.heartbeatPattern.contains(u'*'))
        return u"the processing and heartbeat patterns need a \"*\" for the worker id"_s;
    double totalWeight = 0;
    for (const QueueShare& share : effectiveQueues()) {
        if (system.keyOf(share.name).isEmpty()) {
            QStringList known;
            for (const QueueKey& queue : system.queues)
                known.append(queue.name);
            return u"unknown queue \""_s + share.name + u"\" (configured: "_s + known.join(u", "_s)
                + u')';
        }
        if (!(share.weight >= 0))
            return u"the weight of queue \""_s + share.name + u"\" is negative"_s;
        totalWeight += share.weight;
    }
    if (producers < 0 || workers < 0)
        return u"the numbers of producers and workers cannot be negative"_s;
    if (!(rate >= 0))
        return u"the rate cannot be negative"_s;
    if (burst < 0)
        return u"the burst cannot be negative"_s;
    if (bursty() && every < Millis(1))
        return u"bursts need an interval of at least 1ms"_s;
    if (producers > 0 && (rate > 0 || bursty()) && !(totalWeight > 0))
        return u"at least one queue needs a weight above zero"_s;
    if (!(failureRatio >= 0 && failureRatio <= 1))
        return u"the failure ratio must be between 0 and 1"_s;
    if (effectiveMaxRetries() < 0)
        return u"max retries cannot be negative"_s;
    if (heartbeatTtl < Millis(1000))
        return u"the heartbeat TTL must be at least 1s"_s;
    if (blockTimeout < Millis(10))
        return u"the block timeout must be at least 10ms"_s;
    if (commandTimeout < Millis(100))
        return u"the command timeout must be at least 100ms"_s;
    if (cluster.mode == ClusterMode::Cluster)
        return KeySlotCheck::problem(system);
    return {};
}

} // namespace qd::loadgen
