#include "loadgen/KeySlotCheck.h"

#include "core/redis/HashSlot.h"

#include <QList>
#include <QStringList>

#include <utility>

namespace qd::loadgen {

using namespace Qt::StringLiterals;

QString KeySlotCheck::problem(const QueueSystemConfig& system)
{
    QList<std::pair<QString, QString>> keys; // what, key
    for (const QueueKey& queue : system.queues)
        keys.append({u"queue "_s + queue.name, queue.key});
    keys.append({u"completed"_s, system.completedKey});
    keys.append({u"dead letters"_s, system.deadLetterKey});
    // Two different ids: a pattern whose hash tag contains the "*" would put every worker's
    // keys on a different slot, and one sample id could not show it.
    for (const QString& id : {u"worker-a"_s, u"worker-b"_s}) {
        keys.append({u"processing list of "_s + id, system.processingKey(id)});
        keys.append({u"heartbeat of "_s + id, system.heartbeatKey(id)});
    }
    const int first = redis::hashslot::of(keys.constFirst().second.toUtf8());
    bool shared = true;
    QStringList listing;
    for (const auto& [what, key] : std::as_const(keys)) {
        const int slot = redis::hashslot::of(key.toUtf8());
        shared = shared && slot == first;
        listing.append(
            u"  "_s + what + u": "_s + key + u" (slot "_s + QString::number(slot) + u')');
    }
    if (shared)
        return {};
    return u"on Redis Cluster the keys of the queue system must share one hash slot, because "
           u"BRPOPLPUSH and MULTI/EXEC move each job between them atomically and Redis Cluster "
           u"refuses that across slots. Give every key the same hash tag, e.g. queues "
           u"\"{jobs}:high_priority\", completed \"{jobs}:completed\", dead letters "
           u"\"{jobs}:dead_letter\", processing_pattern \"{jobs}:worker:*:processing\", "
           u"heartbeat_pattern \"{jobs}:processing:worker:*\". Now:\n"_s
        + listing.join(u'\n');
}

} // namespace qd::loadgen
