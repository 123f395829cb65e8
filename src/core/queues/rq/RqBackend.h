#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/rq/RqReader.h"
#include "core/stats/RateTracker.h"

#include <QHash>

#include <memory>
#include <optional>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
} // namespace redis

// RQ (docs/queue-systems/rq.md). A poll is one round trip: one read-only script that reads the
// queues of rq:queues with their registries and the workers of rq:workers, plus INFO. It never
// runs RQ's own counts, whose registry cleanup writes. Not thread-safe: the poller never runs
// two polls of a cluster at once.
class RqBackend final : public QueueBackend {
public:
    RqBackend(ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);

    ClusterStats poll() override;

    // The last poll's figures per queue as RQ names its registries (deferred and canceled have
    // no place in the neutral picture).
    const QList<rq::QueueCounts>& lastCounts() const { return m_lastCounts; }

private:
    // Work done since the last poll from the workers' own counters: a worker seen before
    // contributes its growth; a new worker, or one whose counters went down (a restart under
    // the same name), contributes its counters whole.
    void addCounterDeltas(const QList<rq::WorkerReading>& workers);

    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    bool m_noWritesFlag = true; // dropped when Redis (before 7.0) refuses the script's shebang
    bool m_polledBefore = false;
    struct Counters {
        qint64 successful = 0;
        qint64 failed = 0;
    };
    QHash<QString, Counters> m_lastCounters;
    qint64 m_doneByCounters = 0;
    qint64 m_failedByCounters = 0;
    RateTracker m_counterRates;
    RateTracker m_listRates;
    QList<rq::QueueCounts> m_lastCounts;
};

} // namespace qd
