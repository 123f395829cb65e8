#pragma once

#include "core/queues/celery/CeleryReader.h"
#include "core/redis/ConnectionSettings.h"
#include "core/stats/ClusterStats.h"

#include <QHash>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace qd::redis {
class Connection;
}

namespace qd::celery {

// Celery's workers exist in Redis only as events on pub/sub: this keeps one subscribed
// connection per cluster and reads what arrived since the last call, without waiting (the
// poller calls it once per poll, so no thread is needed). Workers are those whose heartbeat
// is younger than two heartbeat intervals (Celery's own rule); task-succeeded and task-failed
// events (workers started with -E) give the rates. Not thread-safe.
class EventWatch final {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // prefix: kombu's global_keyprefix, which names the event channels too.
    EventWatch(redis::ConnectionSettings settings, int db, QByteArrayView prefix = {});
    ~EventWatch();

    // Subscribes when not subscribed, then reads every message waiting. Throws
    // redis::ConnectionError when the subscription cannot be made; a dropped one is made again
    // at the next call, and what it missed shows as unknown until a heartbeat window passes.
    void drain(TimePoint now);

    // The live workers, or nullopt before the subscription has been up for a heartbeat window
    // (a worker may simply not have beaten yet: unknown is not none).
    std::optional<QList<WorkerStat>> workers(TimePoint now) const;
    // Task events in the rate window; nullopt until a task event has been seen (workers
    // without -E send none, so their rates are unknown rather than 0).
    struct Rates {
        double jobsPerSecond = 0;
        double errorShare = 0;
    };
    std::optional<Rates> rates(TimePoint now) const;
    // Applies one event; public for the tests.
    void apply(const Event& event, TimePoint now);

    static constexpr std::chrono::milliseconds rateWindow {60000};
    // Celery's worker heartbeat interval unless the event says otherwise.
    static constexpr double defaultFrequency = 2.0;

private:
    struct Worker {
        TimePoint lastBeat;
        double frequency = defaultFrequency;
        QJsonObject last; // the last heartbeat or online event
    };
    void forgetSubscription();

    redis::ConnectionSettings m_settings;
    QByteArray m_pattern;
    std::unique_ptr<redis::Connection> m_connection;
    std::optional<TimePoint> m_subscribedAt;
    QHash<QString, Worker> m_workers;
    std::deque<std::pair<TimePoint, bool>> m_finished; // when, failed
    bool m_taskEventsSeen = false;
};

} // namespace qd::celery
