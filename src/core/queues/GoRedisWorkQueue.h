#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/WorkerDiscovery.h"
#include "core/stats/RateTracker.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
class Reply;
struct CallStats;
struct NodeInfo;
struct NodeResult;
} // namespace redis

// The queue system of go-redis-work-queue (docs/queue-systems/go-redis-work-queue.md), with the key
// names of the cluster's queue_system config. One poll is one pipelined round trip per master: list
// lengths, pause flags, the known workers' processing lists and heartbeats, one bounded SCAN
// step and the INFO figures. Not thread-safe: the poller never runs two polls of a cluster at
// once.
class GoRedisWorkQueue final : public QueueBackend {
public:
    GoRedisWorkQueue(
        ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);
    ~GoRedisWorkQueue() override;

    ClusterStats poll() override;

    const ClusterConfig& config() const { return m_config; }
    redis::RedisClient& client() const { return *m_client; }

private:
    struct Item;
    struct Plan;
    struct Reading;
    struct CurrentJob {
        QByteArray payload; // the head of the worker's processing list when last read
        QString id;
    };

    Plan planFor(const redis::NodeInfo& node) const;
    // Rebuilds the per-node plans when worker discovery's known set has changed.
    void replanIfWorkersChanged();
    QString currentJobId(qsizetype worker, const QByteArray& payload);
    // The creation time of a queue's oldest job, parsed only when that job changed.
    QDateTime oldestCreation(qsizetype queue, const QByteArray& payload);
    // One poll, in phases: send each master its plan, read each node's replies into a
    // Reading, forget masters gone, then keep the workers that answered.
    ClusterStats pollOnce(bool* topologyMoved);
    QList<redis::NodeResult> sendPlans(redis::CallStats* cost);
    void readNode(const redis::NodeResult& result, Reading& reading);
    void readReply(
        const Item& item, const redis::Reply& reply, const QString& address, Reading& reading);
    void readScanStep(const redis::Reply& reply, const QString& address);
    void forgetNodesGone(const QSet<QString>& nodes);
    void addWorkers(Reading& reading) const;

    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    WorkerDiscovery m_discovery;
    RateTracker m_rates;
    // The pipelines of the last polls, per master address, for the workers in m_workers: they
    // only change when the known workers or the slot map do, so they are kept encoded and only
    // the SCAN step is appended per poll. Building ~800 commands on every poll would cost about
    // a third of a poll's CPU time, and encoding them another tenth. A list, not a hash: one
    // entry per master (one for most deployments), and an empty Qt 6.4 hash node block for
    // these was 1.5 KB per cluster.
    std::vector<std::pair<QString, Plan>> m_plans;
    Plan* findPlan(const QString& address);
    // Room kept after a plan's fixed commands for the SCAN step added per poll.
    static constexpr qsizetype kScanStepBytes = 256;
    QList<QString> m_workers;
    std::optional<quint64> m_plannedFor; // WorkerDiscovery::version() of m_workers
    // A worker's current job changes far less often than it is polled: parse its JSON only
    // when the payload differs from last time. Indexed like m_workers: a lookup by name for
    // each of 200 workers on every poll showed in profiles.
    QList<CurrentJob> m_currentJobs;
    struct OldestJob {
        QByteArray payload;
        QDateTime created;
    };
    QList<OldestJob> m_oldestJobs; // indexed like the configured queues
};

} // namespace qd
