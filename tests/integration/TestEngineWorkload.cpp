// The engine against live queues: real redis-server, the workload generator in-process, and the
// Manager/ActionEngine as the app runs them.

#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "loadgen/LoadRunner.h"
#include "support/EngineConfig.h"
#include "support/RedisServer.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

// Polls without jitter, with time to answer under the generator's load; actions unconfirmed.
Config workloadConfig(const ClusterConfig& cluster, Millis interval)
{
    Config config = configFor({cluster}, interval);
    config.polling.jitter = 0ms;
    config.polling.timeout = std::min(interval, Millis(1000));
    config.actions.requireConfirmation = false;
    return config;
}

loadgen::LoadgenOptions workload(const ClusterConfig& cluster)
{
    loadgen::LoadgenOptions options;
    options.cluster = cluster;
    options.statsInterval = 0ms;
    options.seed = 42;
    return options;
}

} // namespace

class TestEngineWorkload final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ratesFollowTheGenerator()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig cluster = clusterFor(QStringLiteral("prod"), server->endpoint());
        loadgen::LoadgenOptions options = workload(cluster);
        options.producers = 2;
        options.rate = 200;
        options.workers = 8;
        options.jobDuration = loadgen::JobDuration(5ms);
        options.failureRatio = 0.2;
        options.maxRetries = 0; // every failure is a dead letter at once
        loadgen::LoadRunner run(options);
        QVERIFY2(run.start(&error), qPrintable(error));

        Manager manager(workloadConfig(cluster, 2000ms));
        manager.start();
        // Rates need two polls; take a few more so the error-rate window holds enough jobs.
        QTest::qWait(7000);
        const ClusterStats stats = manager.stats(QStringLiteral("prod"));
        const loadgen::LoadSnapshot produced = run.snapshot();
        run.stop();
        QVERIFY(stats.ratesKnown);
        // Completions per second: 200 produced, 80% succeed.
        const double expectedJobRate = options.rate * (1.0 - options.failureRatio);
        QVERIFY2(std::abs(stats.jobRate - expectedJobRate) <= 0.1 * expectedJobRate,
            qPrintable(QStringLiteral("job_rate %1, expected %2")
                           .arg(stats.jobRate)
                           .arg(expectedJobRate)));
        // The dead-letter share: within 10% of what the generator really dead-lettered, and of
        // the configured ratio within the sampling noise of a few hundred jobs.
        const double realized
            = double(produced.deadLettered) / double(produced.deadLettered + produced.completed);
        QVERIFY2(std::abs(stats.errorRate - realized) <= 0.1 * realized,
            qPrintable(
                QStringLiteral("error_rate %1, generator %2").arg(stats.errorRate).arg(realized)));
        QVERIFY2(std::abs(stats.errorRate - options.failureRatio) <= 0.05,
            qPrintable(QStringLiteral("error_rate %1, configured %2")
                           .arg(stats.errorRate)
                           .arg(options.failureRatio)));
        QVERIFY(stats.workerCount <= options.workers);
        QCOMPARE(manager.health(QStringLiteral("prod")).reachable, true);
    }

    void killedWorkersShowNoLiveWorkersAndOrphans()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        ClusterConfig cluster = clusterFor(QStringLiteral("prod"), server->endpoint());
        // What the workers below write: a worker counts as present for this long after its
        // heartbeat is gone (the worker window).
        cluster.queueSystem.heartbeatTtl = 1s;
        loadgen::LoadgenOptions options = workload(cluster);
        options.rate = 50;
        options.workers = 3;
        options.jobDuration = loadgen::JobDuration(10s); // every worker holds a job
        options.heartbeatTtl = 1s;
        auto run = std::make_unique<loadgen::LoadRunner>(options);
        QVERIFY2(run->start(&error), qPrintable(error));

        Manager manager(workloadConfig(cluster, 500ms));
        manager.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            manager.cachedStats(QStringLiteral("prod")).value_or(ClusterStats {}).workerCount, 3,
            10000);
        QVERIFY(!manager.health(QStringLiteral("prod")).hasIssue(u"no_live_workers"));
        const QStringList ids = run->workerIds();
        run->abandon(); // like kill -9: processing lists stay, heartbeats expire
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.health(QStringLiteral("prod")).hasIssue(u"no_live_workers"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.health(QStringLiteral("prod")).hasIssue(u"orphaned_processing"), 10000);
        const ClusterStats stats = *manager.cachedStats(QStringLiteral("prod"));
        QCOMPARE(stats.workerCount, 0);
        QStringList orphaned = stats.orphanedWorkers();
        QStringList expected = ids;
        orphaned.sort();
        expected.sort();
        QCOMPARE(orphaned, expected);
        QVERIFY(!manager.health(QStringLiteral("prod")).healthy);
    }

    void pauseStopsTheGeneratorsWorkersAndResumeRestartsThem()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        ClusterConfig cluster = clusterFor(QStringLiteral("prod"), server->endpoint());
        cluster.queueSystem.queues
            = {{QStringLiteral("high"), QStringLiteral("jobqueue:high_priority")}};
        loadgen::LoadgenOptions options = workload(cluster);
        options.rate = 40;
        options.workers = 2;
        options.jobDuration = loadgen::JobDuration(5ms);
        loadgen::LoadRunner run(options);
        QVERIFY2(run.start(&error), qPrintable(error));
        Manager manager(workloadConfig(cluster, 300ms));
        manager.start();
        ActionEngine actions(manager, nullptr);
        const auto waitDone = [&](const QString& id) -> MultiAction {
            for (int i = 0; i < 500 && !isFinal(actions.action(id)->status); ++i)
                QTest::qWait(20);
            return *actions.action(id);
        };
        const QJsonObject high {{QStringLiteral("queue"), QStringLiteral("high")}};
        QCOMPARE(
            waitDone(
                actions.submit(QStringLiteral("pause_queue"), {QStringLiteral("prod")}, high, {})
                    .id)
                .status,
            ActionStatus::Completed);
        const qint64 takenAtPause = run.snapshot().taken;
        QTest::qWait(1500);
        // Workers notice the flag within one block timeout; after that nothing more is taken.
        const qint64 takenLater = run.snapshot().taken;
        QVERIFY(takenLater - takenAtPause <= options.workers);
        QTest::qWait(1000);
        QCOMPARE(run.snapshot().taken, takenLater);
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(QStringLiteral("prod"))->queueSizes().value(QStringLiteral("high"))
                > 40,
            5000);
        QCOMPARE(manager.cachedStats(QStringLiteral("prod"))->processingCount, 0);
        QVERIFY(manager.cachedStats(QStringLiteral("prod"))->queues[0].paused);

        QCOMPARE(
            waitDone(
                actions.submit(QStringLiteral("resume_queue"), {QStringLiteral("prod")}, high, {})
                    .id)
                .status,
            ActionStatus::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(run.snapshot().taken > takenLater + 20, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(QStringLiteral("prod"))->queueSizes().value(QStringLiteral("high"))
                < 10,
            10000);
        run.stop();
    }
};

QTEST_GUILESS_MAIN(TestEngineWorkload)
#include "TestEngineWorkload.moc"
