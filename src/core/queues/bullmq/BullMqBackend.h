#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/bullmq/BullMqReader.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
struct CallStats;
} // namespace redis

// BullMQ (docs/queue-systems/bullmq.md). Queues have no registry: they are found by a bounded
// SCAN of "<prefix>:*:meta" on every master on the discovery cadence, plus the queues named by
// live worker connections. A poll is one pipelined round trip per master of plain reads for
// the queues whose slot it serves, CLIENT LIST and INFO; it never runs BullMQ's own scripts
// (its count script pops legacy markers) and never writes. Not thread-safe: the poller never
// runs two polls of a cluster at once.
class BullMqBackend final : public QueueBackend {
public:
    BullMqBackend(
        ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);

    ClusterStats poll() override;

    // The last poll's per-state figures, as BullMQ names its states (the neutral picture has
    // no place for prioritized and waiting-children of their own).
    const QList<bullmq::QueueCounts>& lastCounts() const { return m_lastCounts; }

    // How far back the rate figures count finished jobs.
    static constexpr std::chrono::milliseconds rateWindow {60000};

    // Every queue of the deployment, by a full SCAN of every master (for actions, which may
    // take the time a poll may not). In Redis Cluster, queues whose keys do not share one slot
    // are left out: BullMQ cannot run them there.
    static QStringList discoverAll(redis::RedisClient& client, const ClusterConfig& config);

private:
    // Advances the SCAN of meta keys by a bounded number of steps when discovery is due.
    void discoverIfDue(redis::CallStats* cost);
    ClusterStats pollOnce(bool* topologyMoved);
    // Whether the deployment's queue may be read: always, except on Redis Cluster for a queue
    // whose keys would spread over several slots.
    bool readable(const QString& queue) const;

    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    bullmq::Keys m_keys;
    QStringList m_queues; // sorted: the ones the last complete discovery found
    QSet<QString> m_scanFound; // of the SCAN cycle in progress
    QHash<QString, QByteArray> m_cursors; // per master of the SCAN cycle in progress
    bool m_scanning = false;
    std::optional<std::chrono::steady_clock::time_point> m_lastDiscovery;
    QSet<QString> m_workerQueues; // queues named by worker connections at the last poll
    QList<bullmq::QueueCounts> m_lastCounts;
    // The counters of the last poll per queue, and their growth summed since the backend
    // started (metrics completed, metrics failed, ids handed out), sampled per poll.
    struct Counters {
        std::optional<qint64> metricsCompleted;
        std::optional<qint64> metricsFailed;
        std::optional<qint64> lastId;
    };
    struct Sample {
        std::chrono::steady_clock::time_point at;
        std::array<qint64, 3> totals;
    };
    QHash<QString, Counters> m_counters;
    std::array<qint64, 3> m_counterTotals {0, 0, 0};
    std::deque<Sample> m_samples;
};

} // namespace qd
