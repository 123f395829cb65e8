#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/QueueBackend.h"
#include "core/queues/celery/CeleryEvents.h"
#include "core/queues/celery/CeleryReader.h"
#include "core/queues/celery/CeleryResults.h"

#include <QSet>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
struct CallStats;
} // namespace redis

// Celery on a Redis broker (docs/queue-systems/celery.md). Queues are the configured names plus
// those kombu's binding sets name (a bounded SCAN on the discovery cadence); a poll is one
// pipelined round trip of plain reads (LLEN per priority list, the unacked figures, INFO, one
// step of the census of failed results) and a non-blocking read of the events subscription,
// which knows the workers. Never writes. Not thread-safe: the poller never runs two polls of a
// cluster at once.
class CeleryBackend final : public QueueBackend {
public:
    CeleryBackend(
        ClusterConfig config, std::shared_ptr<redis::RedisClient> client, const Clock& clock);
    ~CeleryBackend() override;

    ClusterStats poll() override;

    // The last poll's broker figures, beyond what the neutral picture holds.
    const celery::PollReading& lastReading() const { return m_lastReading; }
    // The count of failed results, as far as it has gone.
    const celery::ResultCensus& census() const { return m_census; }

private:
    void discoverIfDue(redis::CallStats* cost);
    // The subscription's connection: the broker's master, as this cluster connects to it.
    redis::ConnectionSettings eventSettings() const;

    ClusterConfig m_config;
    std::shared_ptr<redis::RedisClient> m_client;
    const Clock& m_clock;
    QByteArray m_prefix; // kombu's global_keyprefix
    celery::ResultCensus m_census;
    QString m_censusError; // the census's last complaint, logged when it changes
    QStringList m_bound; // queues named by the last complete SCAN of the bindings
    QSet<QString> m_scanFound;
    QByteArray m_cursor = QByteArrayLiteral("0");
    std::optional<std::chrono::steady_clock::time_point> m_lastDiscovery;
    std::unique_ptr<celery::EventWatch> m_events;
    celery::PollReading m_lastReading;
};

} // namespace qd
