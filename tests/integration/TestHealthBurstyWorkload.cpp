// Health verdicts under real, bursty workloads: eight workers that mark themselves only while
// they hold a job (a 0–2 ms gap between take and heartbeat, 10–30 ms of work), fed 20 jobs every
// 100 ms, polled every 250 ms for 60 s, must never be reported anything but healthy. Then
// workers die, and each true alarm must arrive within its bound. Two independent workloads: the
// workload generator, and a worker loop written here over raw RESP that knows nothing of
// QueueDeck's code.

#include "core/engine/Manager.h"
#include "core/health/HealthIssue.h"
#include "loadgen/LoadRunner.h"
#include "support/EngineConfig.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

namespace {

constexpr Millis kInterval {250};
constexpr Millis kHeartbeatTtl {3000};
constexpr auto kHealthyFor = 60s;
constexpr int kWorkers = 8;
constexpr int kBurst = 20;
constexpr Millis kEvery {100};

Config burstyConfig(const ClusterConfig& cluster)
{
    Config config = configFor({cluster}, kInterval);
    config.polling.jitter = 0ms;
    return config;
}

ClusterConfig burstyCluster(const RedisServer& server)
{
    ClusterConfig cluster = clusterFor(u"bursty"_s, server.endpoint());
    cluster.queueSystem.heartbeatTtl = kHeartbeatTtl; // what the workers below write
    return cluster;
}

// Every verdict the engine reaches (one per poll) and every health_changed it publishes.
class VerdictLog final {
public:
    explicit VerdictLog(Manager& manager) : m_manager(manager)
    {
        QObject::connect(&manager, &Manager::healthUpdated, &m_context, [this](const QString& c) {
            const HealthReport report = m_manager.health(c);
            ++m_verdicts;
            if (report.status != HealthStatus::Healthy) {
                ++m_notHealthy;
                if (m_firstBad.isEmpty())
                    m_firstBad = healthStatusName(report.status) + u": "_s + report.summary();
            }
        });
        QObject::connect(
            &manager.events(), &EventBus::published, &m_context, [this](const Event& event) {
                if (event.type == events::kHealthChanged)
                    ++m_changes;
            });
    }
    void reset()
    {
        m_verdicts = m_notHealthy = m_changes = 0;
        m_firstBad.clear();
    }
    int verdicts() const { return m_verdicts; }
    int notHealthy() const { return m_notHealthy; }
    int changes() const { return m_changes; }
    const QString& firstBad() const { return m_firstBad; }

private:
    Manager& m_manager;
    QObject m_context;
    int m_verdicts = 0;
    int m_notHealthy = 0;
    int m_changes = 0;
    QString m_firstBad;
};

// How long after `since` the cluster's health first shows `rule` (waiting at most `limit`);
// -1 when it never did.
qint64 msUntilIssue(Manager& manager, QStringView rule, const QElapsedTimer& since, Millis limit)
{
    while (since.elapsed() < limit.count()) {
        if (manager.health(u"bursty"_s).hasIssue(rule))
            return since.elapsed();
        QTest::qWait(20);
    }
    return -1;
}

// A deliberately small Redis client over a blocking socket: RESP arrays out, replies read
// back and flattened to strings, nothing of QueueDeck's Redis layer.
class RawResp final {
public:
    explicit RawResp(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~RawResp()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawResp(const RawResp&) = delete;
    RawResp& operator=(const RawResp&) = delete;
    bool ok() const { return m_fd >= 0; }

    // Sends the commands in one write and reads one reply per command.
    QList<QByteArrayList> pipeline(const QList<QByteArrayList>& commands)
    {
        QByteArray out;
        for (const QByteArrayList& args : commands) {
            out += '*' + QByteArray::number(args.size()) + "\r\n";
            for (const QByteArray& arg : args)
                out += '$' + QByteArray::number(arg.size()) + "\r\n" + arg + "\r\n";
        }
        for (qsizetype sent = 0; sent < out.size();) {
            const ssize_t n = ::send(m_fd, out.constData() + sent, size_t(out.size() - sent), 0);
            if (n <= 0)
                return {};
            sent += n;
        }
        QList<QByteArrayList> replies;
        for (qsizetype i = 0; i < commands.size(); ++i) {
            QByteArrayList reply;
            if (!readReply(reply))
                return {};
            replies.append(reply);
        }
        return replies;
    }
    QByteArrayList command(const QByteArrayList& args)
    {
        const QList<QByteArrayList> replies = pipeline({args});
        return replies.isEmpty() ? QByteArrayList {} : replies.constFirst();
    }

private:
    bool readLine(QByteArray& line)
    {
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n");
            if (end >= 0) {
                line = m_buffer.left(end);
                m_buffer.remove(0, end + 2);
                return true;
            }
            if (!fill())
                return false;
        }
    }
    bool fill()
    {
        char chunk[4096];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.append(chunk, n);
        return true;
    }
    // Appends the reply's strings to `into`: a nil bulk string or array adds nothing.
    bool readReply(QByteArrayList& into)
    {
        QByteArray line;
        if (!readLine(line) || line.isEmpty())
            return false;
        const char kind = line.at(0);
        const QByteArray rest = line.mid(1);
        if (kind == '+' || kind == ':' || kind == '-') {
            into.append(line);
            return true;
        }
        const qint64 size = rest.toLongLong();
        if (kind == '$') {
            if (size < 0)
                return true;
            while (m_buffer.size() < size + 2) {
                if (!fill())
                    return false;
            }
            into.append(m_buffer.left(size));
            m_buffer.remove(0, size + 2);
            return true;
        }
        if (kind == '*') {
            for (qint64 i = 0; i < size; ++i) {
                if (!readReply(into))
                    return false;
            }
            return true;
        }
        return false;
    }

    int m_fd = -1;
    QByteArray m_buffer;
};

// The second workload: producers and workers written from docs/queue-system.md alone. A worker
// takes with BRPOPLPUSH, writes `SET <heartbeat> <job> EX 3` 0–2 ms later, works 10–30 ms, and
// completes with LPUSH completed / LREM / DEL in one MULTI. A crashed worker simply stops
// where it is.
class RawWorkload final {
public:
    RawWorkload(const ClusterConfig& cluster, quint16 port) : m_system(cluster.queueSystem)
    {
        m_port = port;
    }
    ~RawWorkload() { stop(); }
    RawWorkload(const RawWorkload&) = delete;
    RawWorkload& operator=(const RawWorkload&) = delete;

    void start()
    {
        m_threads.emplace_back([this] { produce(); });
        for (int i = 0; i < kWorkers; ++i) {
            m_alive.push_back(std::make_unique<std::atomic<bool>>(true));
            m_threads.emplace_back([this, i] { work(i); });
        }
    }
    // The worker crashes the next time it holds a job right after its heartbeat (leaving both).
    void crashWorkerHoldingAJob(int index) { m_crashNext = index; }
    bool crashed(int index) const { return !*m_alive.at(size_t(index)); }
    void crashAllWorkers() { m_crashAll = true; }
    void stop()
    {
        m_running = false;
        for (std::thread& thread : m_threads) {
            if (thread.joinable())
                thread.join();
        }
        m_threads.clear();
    }

private:
    void produce()
    {
        RawResp redis(m_port);
        const QByteArray queue = m_system.queues.constFirst().key.toUtf8();
        qint64 next = 0;
        auto due = std::chrono::steady_clock::now();
        while (m_running && redis.ok()) {
            QList<QByteArrayList> burst;
            for (int i = 0; i < kBurst; ++i) {
                const QByteArray id = "raw-" + QByteArray::number(next++);
                burst.append({"LPUSH", queue,
                    R"({"id":")" + id + R"(","queue":"high","payload":{},"retries":0})"});
            }
            redis.pipeline(burst);
            due += kEvery;
            std::this_thread::sleep_until(due);
        }
    }

    void work(int index)
    {
        RawResp redis(m_port);
        const QString id = u"raw-worker-%1"_s.arg(index);
        const QByteArray processing = m_system.processingKey(id).toUtf8();
        const QByteArray heartbeat = m_system.heartbeatKey(id).toUtf8();
        const QByteArray queue = m_system.queues.constFirst().key.toUtf8();
        const QByteArray completed = m_system.completedKey.toUtf8();
        std::mt19937 random(quint32(index) + 7);
        std::uniform_int_distribution<int> gapUs(0, 2000);
        std::uniform_int_distribution<int> workMs(10, 30);
        while (m_running && redis.ok()) {
            // A short block: a stop request is noticed within it.
            const QByteArrayList taken = redis.command({"BRPOPLPUSH", queue, processing, "0.2"});
            if (taken.isEmpty())
                continue;
            const QByteArray& job = taken.constFirst();
            std::this_thread::sleep_for(std::chrono::microseconds(gapUs(random)));
            redis.command({"SET", heartbeat, job, "EX", "3"});
            int chosen = index;
            if (m_crashAll || m_crashNext.compare_exchange_strong(chosen, -1)) {
                *m_alive.at(size_t(index)) = false;
                return; // crashed holding the job: its lists stay as they are
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(workMs(random)));
            redis.pipeline({{"MULTI"}, {"LPUSH", completed, job}, {"LREM", processing, "1", job},
                {"DEL", heartbeat}, {"EXEC"}});
        }
    }

    QueueSystemConfig m_system;
    quint16 m_port = 0;
    std::atomic<bool> m_running {true};
    std::atomic<bool> m_crashAll {false};
    std::atomic<int> m_crashNext {-1};
    std::vector<std::unique_ptr<std::atomic<bool>>> m_alive;
    std::vector<std::thread> m_threads;
};

} // namespace

class TestHealthBurstyWorkload final : public QObject {
    Q_OBJECT

private:
    // The 60 s healthy phase: every verdict healthy, no health_changed at all.
    void expectHealthyThroughout(Manager& manager, VerdictLog& log)
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.health(u"bursty"_s).status != HealthStatus::Unknown, 10000);
        log.reset();
        QElapsedTimer watched;
        watched.start();
        int samples = 0;
        while (watched.elapsed() < std::chrono::milliseconds(kHealthyFor).count()) {
            QTest::qWait(200);
            ++samples; // the API's view, as the issue sampled GET /api/v1/health
            if (manager.health(u"bursty"_s).status != HealthStatus::Healthy)
                QFAIL(qPrintable(u"not healthy at %1 ms: %2"_s.arg(watched.elapsed())
                                     .arg(manager.health(u"bursty"_s).summary())));
        }
        qInfo("healthy phase: %d verdicts, %d samples, %d not healthy, %d health_changed",
            log.verdicts(), samples, log.notHealthy(), log.changes());
        QVERIFY2(log.notHealthy() == 0, qPrintable(log.firstBad()));
        QCOMPARE(log.changes(), 0);
        // 60 s at 250 ms: about 240 polls; far fewer means the polls themselves were starved.
        QVERIFY2(log.verdicts() >= 150, qPrintable(QString::number(log.verdicts())));
        const ClusterStats stats = *manager.cachedStats(u"bursty"_s);
        QVERIFY(stats.completedCount > 5000); // the workload really ran
    }

    // Bounds (docs/health-and-anomalies.md): a worker that dies holding a job shows within
    // heartbeat TTL + 2 polls; queued work and no worker at all within heartbeat TTL (its
    // heartbeat running out) + worker window + the rule's `for` + 2 polls. Each poll also
    // takes its own run time, at most one more interval here.
    static constexpr Millis orphanBound() { return kHeartbeatTtl + 3 * kInterval; }
    static Millis noWorkersBound(const Config& config)
    {
        return kHeartbeatTtl + kHeartbeatTtl + config.health.noLiveWorkers.forDuration
            + 3 * kInterval;
    }

private Q_SLOTS:
    void loadgenBurstsAreHealthyAndDeathsAreReportedInTime()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig cluster = burstyCluster(*server);

        loadgen::LoadgenOptions options;
        options.cluster = cluster;
        options.statsInterval = 0ms;
        options.seed = 15;
        options.queues = {{u"high"_s, 1.0}};
        options.burst = kBurst;
        options.every = kEvery;
        options.workers = kWorkers;
        options.jobDuration = loadgen::JobDuration(10ms, 30ms);
        options.heartbeatGap = loadgen::JobDuration(0ms, 2ms);
        options.heartbeatTtl = kHeartbeatTtl;
        auto main = std::make_unique<loadgen::LoadRunner>(options);
        QVERIFY2(main->start(&error), qPrintable(error));

        const Config config = burstyConfig(cluster);
        Manager manager(config);
        VerdictLog log(manager);
        manager.start();
        expectHealthyThroughout(manager, log);
        if (QTest::currentTestFailed())
            return;

        // One worker takes a job it will hold for a minute, and dies with it.
        loadgen::LoadgenOptions victimOptions = options;
        victimOptions.producers = 0;
        victimOptions.workers = 1;
        victimOptions.jobDuration = loadgen::JobDuration(60s);
        victimOptions.heartbeatGap = loadgen::JobDuration(0ms);
        auto victim = std::make_unique<loadgen::LoadRunner>(victimOptions);
        QVERIFY2(victim->start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(victim->stats().taken.load() >= 1, 5000);
        QTest::qWait(100); // its heartbeat written
        QElapsedTimer died;
        died.start();
        victim->abandon(); // kill -9: its processing list stays, its heartbeat runs out
        const qint64 orphanMs = msUntilIssue(
            manager, healthrule::OrphanedProcessing, died, orphanBound() + Millis(5000));
        qInfo("orphaned_processing after %lld ms (bound %lld ms)", orphanMs,
            qint64(orphanBound().count()));
        QVERIFY(orphanMs >= 0);
        QVERIFY2(orphanMs <= orphanBound().count(), qPrintable(QString::number(orphanMs)));
        QVERIFY(!manager.health(u"bursty"_s).hasIssue(healthrule::NoLiveWorkers));

        // Every worker dies; the producer keeps pushing.
        loadgen::LoadgenOptions producerOptions = options;
        producerOptions.workers = 0;
        auto producer = std::make_unique<loadgen::LoadRunner>(producerOptions);
        main->abandon();
        QVERIFY2(producer->start(&error), qPrintable(error));
        QElapsedTimer allDead;
        allDead.start();
        const qint64 noWorkersMs = msUntilIssue(
            manager, healthrule::NoLiveWorkers, allDead, noWorkersBound(config) + Millis(5000));
        qInfo("no_live_workers after %lld ms (bound %lld ms)", noWorkersMs,
            qint64(noWorkersBound(config).count()));
        QVERIFY(noWorkersMs >= 0);
        QVERIFY2(noWorkersMs <= noWorkersBound(config).count(),
            qPrintable(QString::number(noWorkersMs)));
        QCOMPARE(manager.health(u"bursty"_s).issue(healthrule::NoLiveWorkers)->severity,
            Severity::Critical);
        // What the event stream (SSE) and the tray heard: healthy -> degraded -> unhealthy,
        // each transition once, however many polls it lasted.
        QCOMPARE(log.changes(), 2);
        producer->stop();
    }

    void rawRespBurstsAreHealthyAndDeathsAreReportedInTime()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig cluster = burstyCluster(*server);
        RawWorkload workload(cluster, server->port());
        workload.start();

        const Config config = burstyConfig(cluster);
        Manager manager(config);
        VerdictLog log(manager);
        manager.start();
        expectHealthyThroughout(manager, log);
        if (QTest::currentTestFailed())
            return;

        workload.crashWorkerHoldingAJob(3);
        QTRY_VERIFY_WITH_TIMEOUT(workload.crashed(3), 5000);
        QElapsedTimer died;
        died.start();
        const qint64 orphanMs = msUntilIssue(
            manager, healthrule::OrphanedProcessing, died, orphanBound() + Millis(5000));
        qInfo("orphaned_processing after %lld ms (bound %lld ms)", orphanMs,
            qint64(orphanBound().count()));
        QVERIFY(orphanMs >= 0);
        QVERIFY2(orphanMs <= orphanBound().count(), qPrintable(QString::number(orphanMs)));
        QVERIFY2(manager.health(u"bursty"_s)
                     .issue(healthrule::OrphanedProcessing)
                     ->message.contains(u"1 job sits in the processing list of 1 worker"_s),
            qPrintable(manager.health(u"bursty"_s).summary()));

        workload.crashAllWorkers();
        QElapsedTimer allDead;
        allDead.start();
        const qint64 noWorkersMs = msUntilIssue(
            manager, healthrule::NoLiveWorkers, allDead, noWorkersBound(config) + Millis(5000));
        qInfo("no_live_workers after %lld ms (bound %lld ms)", noWorkersMs,
            qint64(noWorkersBound(config).count()));
        QVERIFY(noWorkersMs >= 0);
        QVERIFY2(noWorkersMs <= noWorkersBound(config).count(),
            qPrintable(QString::number(noWorkersMs)));
        QCOMPARE(log.changes(), 2);
        workload.stop();
    }
};

QTEST_GUILESS_MAIN(TestHealthBurstyWorkload)
#include "TestHealthBurstyWorkload.moc"
