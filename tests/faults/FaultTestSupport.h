#pragma once

// Shared by the fault tests: a fast-polling configuration for several clusters, a small
// workload per cluster, a log of when each cluster's polls start, and an API client wrapper
// that times every request. Every fault test runs the engine and its API in-process
// (ApiHarness), the workload generator in-process (LoadRunner) and real redis-server processes.

#include "ApiHarness.h"
#include "HttpClient.h"
#include "core/engine/Manager.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <vector>

namespace qd::test {

// Short enough that a scenario takes seconds, long enough that a loaded 2-core machine keeps
// the schedule: every fault test states its promises in terms of these.
inline constexpr Millis kFaultInterval {500};
inline constexpr Millis kFaultJitter {50};
inline constexpr Millis kFaultTimeout {400};

inline Config faultConfig(const QList<ClusterConfig>& clusters)
{
    Config config = configFor(clusters);
    config.polling = PollingConfig {kFaultInterval, kFaultJitter, kFaultTimeout, true};
    config.cache.ttl = kFaultInterval;
    config.actions.requireConfirmation = false;
    return config;
}

// A light but real workload: producers pushing, workers taking, heartbeats, some dead letters.
inline loadgen::LoadgenOptions faultWorkload(const ClusterConfig& cluster)
{
    loadgen::LoadgenOptions options;
    options.cluster = cluster;
    options.producers = 1;
    options.rate = 20;
    options.workers = 2;
    options.jobDuration = loadgen::JobDuration(Millis(20));
    options.failureRatio = 0.1;
    options.blockTimeout = Millis(100);
    options.commandTimeout = Millis(2000);
    options.statsInterval = Millis(0);
    options.seed = 7;
    return options;
}

inline std::unique_ptr<loadgen::LoadRunner> startWorkload(
    const ClusterConfig& cluster, QString* error)
{
    auto run = std::make_unique<loadgen::LoadRunner>(faultWorkload(cluster));
    if (!run->start(error))
        return nullptr;
    return run;
}

// Appends plain clusters c<first>..c<first+count-1>, each on a fresh redis-server: the
// bystanders every scenario polls next to its victim, to show the victim's fault stays its own.
inline bool addBystanders(std::vector<std::unique_ptr<RedisServer>>& servers,
    QList<ClusterConfig>& clusters, int count, QString* error, int first = 1)
{
    for (int i = 0; i < count; ++i) {
        auto server = RedisServer::start({}, error);
        if (!server)
            return false;
        clusters.append(clusterFor(QStringLiteral("c%1").arg(first + i), server->endpoint()));
        servers.push_back(std::move(server));
    }
    return true;
}

// Whether the engine reached every cluster within timeoutMs; names the first that it did not.
inline bool allReachable(
    Manager& manager, const QList<ClusterConfig>& clusters, QString* missing, int timeoutMs = 10000)
{
    for (const ClusterConfig& cluster : clusters) {
        if (!QTest::qWaitFor([&] { return manager.isReachable(cluster.name); }, timeoutMs)) {
            *missing = cluster.name;
            return false;
        }
    }
    return true;
}

// When each cluster's polls started, in ms of one monotonic timer (Manager::pollStarted is
// emitted on the main thread at the moment a poll is handed to the pool).
class PollStartLog final {
public:
    explicit PollStartLog(Manager& manager)
    {
        m_timer.start();
        QObject::connect(&manager, &Manager::pollStarted, &m_context,
            [this](const QString& cluster) { m_starts[cluster].append(m_timer.elapsed()); });
    }
    PollStartLog(const PollStartLog&) = delete;
    PollStartLog& operator=(const PollStartLog&) = delete;

    qint64 now() const { return m_timer.elapsed(); }
    // Gaps between successive poll starts of cluster, for starts within [from, to].
    QList<qint64> gaps(const QString& cluster, qint64 from, qint64 to) const
    {
        QList<qint64> out;
        qint64 previous = -1;
        for (const qint64 at : m_starts.value(cluster)) {
            if (at < from || at > to)
                continue;
            if (previous >= 0)
                out.append(at - previous);
            previous = at;
        }
        return out;
    }

    // The start of cluster's last poll at or before `at`; -1 when none.
    qint64 lastStartBefore(const QString& cluster, qint64 at) const
    {
        qint64 found = -1;
        for (const qint64 start : m_starts.value(cluster)) {
            if (start <= at)
                found = start;
        }
        return found;
    }

private:
    QElapsedTimer m_timer;
    QObject m_context;
    QHash<QString, QList<qint64>> m_starts;
};

// Sends requests through a harness client and remembers the slowest one.
class TimedApi final {
public:
    explicit TimedApi(HttpClient& client) : m_client(client) { }

    HttpResponse get(const QString& path)
    {
        QElapsedTimer timer;
        timer.start();
        HttpResponse response = m_client.get(path);
        note(timer.elapsed(), path, response);
        return response;
    }

    qint64 slowestMs() const { return m_slowestMs; }
    // The p-th percentile (0 < p <= 1) of the request times so far.
    qint64 percentileMs(double p) const
    {
        if (m_times.isEmpty())
            return 0;
        QList<qint64> sorted = m_times;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = static_cast<qsizetype>(std::ceil(p * double(sorted.size()))) - 1;
        return sorted.at(std::clamp<qsizetype>(rank, 0, sorted.size() - 1));
    }
    QString slowestPath() const { return m_slowestPath; }
    int count() const { return m_count; }
    int unanswered() const { return m_unanswered; }

private:
    void note(qint64 ms, const QString& path, const HttpResponse& response)
    {
        ++m_count;
        m_times.append(ms);
        if (response.status == 0)
            ++m_unanswered;
        if (ms > m_slowestMs) {
            m_slowestMs = ms;
            m_slowestPath = path;
        }
    }

    HttpClient& m_client;
    qint64 m_slowestMs = 0;
    QString m_slowestPath;
    int m_count = 0;
    int m_unanswered = 0;
    QList<qint64> m_times;
};

} // namespace qd::test
