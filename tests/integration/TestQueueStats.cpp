#include "core/config/ClusterConfig.h"
#include "core/queues/GoRedisWorkQueue.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "support/EngineConfig.h"
#include "support/JobJson.h"
#include "support/RedisCluster.h"
#include "support/RedisServer.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

// Puts a known state into Redis with redis-cli (not the product's own client).
void seedQueues(
    const std::function<QByteArray(const QStringList&)>& cli, const QueueSystemConfig& qs)
{
    QStringList high {QStringLiteral("LPUSH"), qs.keyOf(QStringLiteral("high"))};
    for (int i = 0; i < 3; ++i)
        high << jobJson(QStringLiteral("h%1").arg(i));
    cli(high);
    QStringList low {QStringLiteral("LPUSH"), qs.keyOf(QStringLiteral("low"))};
    for (int i = 0; i < 5; ++i)
        low << jobJson(QStringLiteral("l%1").arg(i));
    cli(low);
    cli({QStringLiteral("LPUSH"), qs.deadLetterKey, jobJson(QStringLiteral("d1")),
        jobJson(QStringLiteral("d2"))});
    cli({QStringLiteral("LPUSH"), qs.completedKey, QStringLiteral("c1"), QStringLiteral("c2"),
        QStringLiteral("c3"), QStringLiteral("c4")});
    cli({QStringLiteral("SET"), qs.pauseKey(QStringLiteral("low")), QStringLiteral("1")});
    // w1 is busy with job-7 and beats; w2 holds two jobs and has stopped beating (orphaned).
    cli({QStringLiteral("LPUSH"), qs.processingKey(QStringLiteral("w1")),
        jobJson(QStringLiteral("job-7"))});
    cli({QStringLiteral("SET"), qs.heartbeatKey(QStringLiteral("w1")),
        jobJson(QStringLiteral("job-7")), QStringLiteral("EX"), QStringLiteral("30")});
    cli({QStringLiteral("LPUSH"), qs.processingKey(QStringLiteral("w2")),
        jobJson(QStringLiteral("x1")), jobJson(QStringLiteral("x2"))});
    // Noise the poll must not count.
    cli({QStringLiteral("SET"), QStringLiteral("unrelated:key"), QStringLiteral("1")});
}

void verifySeeded(const ClusterStats& stats)
{
    QCOMPARE(stats.queueSizes().value(QStringLiteral("high")), 3);
    QCOMPARE(stats.queueSizes().value(QStringLiteral("low")), 5);
    QCOMPARE(stats.totalQueued(), 8); // completed and dead letters are not queues
    QCOMPARE(stats.deadLetterCount, 2);
    QCOMPARE(stats.completedCount, 4);
    QCOMPARE(stats.pausedQueues(), QStringList {QStringLiteral("low")});
    QCOMPARE(stats.processingCount, 3);
    QCOMPARE(stats.workerCount, 1);
    QCOMPARE(stats.workers.size(), 2);
    QCOMPARE(stats.workers[0].id, QStringLiteral("w1"));
    QCOMPARE(stats.workers[0].currentJobId, QStringLiteral("job-7"));
    QVERIFY(stats.workers[0].live());
    QVERIFY(*stats.workers[0].heartbeatAgeMs <= 2000);
    QCOMPARE(stats.orphanedWorkers(), QStringList {QStringLiteral("w2")});
    QVERIFY(stats.workersComplete);
    QVERIFY(stats.server.usedMemory > 0);
    QVERIFY(stats.server.connectedClients >= 1);
}

} // namespace

class TestQueueStats final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Queue latency: the age of the job the workers will take next, from its creation_time.
    void oldestJobAgeComesFromTheNextJob()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig config = clusterFor(QStringLiteral("prod"), server->endpoint());
        const QueueSystemConfig& qs = config.queueSystem;
        const QString old
            = QDateTime::currentDateTimeUtc().addSecs(-90).toString(Qt::ISODateWithMs);
        QString aged = jobJson(QStringLiteral("aged"));
        aged.replace(QRegularExpression(QStringLiteral("\"creation_time\":\"[^\"]*\"")),
            QStringLiteral("\"creation_time\":\"%1\"").arg(old));
        QVERIFY(aged.contains(old));
        // Workers take from the right: the job pushed on the right is the oldest waiting one.
        server->cli({QStringLiteral("LPUSH"), qs.keyOf(QStringLiteral("high")),
            jobJson(QStringLiteral("fresh"))});
        server->cli({QStringLiteral("RPUSH"), qs.keyOf(QStringLiteral("high")), aged});
        // A job that is not JSON says nothing about age, and breaks nothing.
        server->cli(
            {QStringLiteral("RPUSH"), qs.keyOf(QStringLiteral("low")), QStringLiteral("not json")});

        GoRedisWorkQueue backend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system());
        const ClusterStats stats = backend.poll();
        const QueueStat& high = stats.queues[0];
        QCOMPARE(high.name, QStringLiteral("high"));
        QVERIFY(high.oldestJobAgeMs);
        QVERIFY2(*high.oldestJobAgeMs >= 90000 && *high.oldestJobAgeMs < 100000,
            qPrintable(QString::number(*high.oldestJobAgeMs)));
        QVERIFY(!stats.queues[1].oldestJobAgeMs);
        QCOMPARE(stats.oldestJobAgeMs, high.oldestJobAgeMs);
    }

    void statsEqualWhatRedisHolds()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig config = clusterFor(QStringLiteral("prod"), server->endpoint());
        seedQueues([&](const QStringList& args) { return server->cli(args); }, config.queueSystem);

        GoRedisWorkQueue backend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system());
        const ClusterStats first = backend.poll(); // discovers the workers (one SCAN step)
        QCOMPARE(first.totalQueued(), 8);
        QCOMPARE(first.cost.roundTrips, 1);
        const ClusterStats stats = backend.poll();
        verifySeeded(stats);
        QCOMPARE(stats.cost.roundTrips, 1); // one pipelined round trip per poll
        // 2 queues x (LLEN + LINDEX + EXISTS) + completed + dead letters + 2 workers x 3 + SCAN
        // + 3 INFO
        QCOMPARE(stats.cost.commands, 6 + 2 + 6 + 1 + 3);
        QCOMPARE(stats.system, QStringLiteral("go-redis-work-queue"));
        QCOMPARE(stats.rateSource, QStringLiteral("list_growth"));
        // The neutral states this system does not keep stay unknown, never 0.
        QVERIFY(!stats.retryCount && !stats.scheduledCount && !stats.processedTotal);
        QVERIFY(!stats.queues[0].states.active && !stats.queues[0].states.retry);
        QVERIFY(stats.queues[0].pausable);
        QVERIFY(stats.cost.bytesReceived > 0);
        QVERIFY(!stats.ratesKnown || stats.jobRate == 0);

        // The worker finished: its processing list and heartbeat are gone.
        server->cli({QStringLiteral("DEL"), config.queueSystem.processingKey(QStringLiteral("w1")),
            config.queueSystem.heartbeatKey(QStringLiteral("w1"))});
        const ClusterStats after = backend.poll();
        QCOMPARE(after.workerCount, 0);
        QCOMPARE(after.workers.size(), 1);
        QCOMPARE(after.processingCount, 2);
    }

    void ratesComeFromGrowth()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        const ClusterConfig config = clusterFor(QStringLiteral("prod"), server->endpoint());
        ManualClock clock;
        GoRedisWorkQueue backend(config, redis::RedisClient::create(config, 2000ms), clock);
        QVERIFY(!backend.poll().ratesKnown);
        QStringList completed {QStringLiteral("LPUSH"), config.queueSystem.completedKey};
        for (int i = 0; i < 50; ++i)
            completed << QString::number(i);
        server->cli(completed);
        server->cli({QStringLiteral("LPUSH"), config.queueSystem.deadLetterKey, QStringLiteral("a"),
            QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")});
        clock.advance(5s);
        const ClusterStats stats = backend.poll();
        QVERIFY(stats.ratesKnown);
        QCOMPARE(stats.jobRate, 10.0);
        QCOMPARE(stats.errorRate, 5.0 / 55.0);
        // Purging the dead letters is a reset, not a negative rate.
        server->cli({QStringLiteral("DEL"), config.queueSystem.deadLetterKey});
        clock.advance(5s);
        const ClusterStats purged = backend.poll();
        QCOMPARE(purged.jobRate, 0.0);
        QVERIFY(purged.errorRate >= 0.0);
    }

    void customKeyLayout()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        ClusterConfig config = clusterFor(QStringLiteral("mail"), server->endpoint());
        config.queueSystem.queues = {{QStringLiteral("emails"), QStringLiteral("mail:q")}};
        config.queueSystem.deadLetterKey = QStringLiteral("mail:dlq");
        server->cli({QStringLiteral("LPUSH"), QStringLiteral("mail:q"), QStringLiteral("1"),
            QStringLiteral("2")});
        server->cli({QStringLiteral("LPUSH"), QStringLiteral("jobqueue:high_priority"),
            QStringLiteral("ignored")});
        server->cli({QStringLiteral("LPUSH"), QStringLiteral("mail:dlq"), QStringLiteral("x")});
        GoRedisWorkQueue backend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system());
        const ClusterStats stats = backend.poll();
        QCOMPARE(stats.queueSizes(), (QMap<QString, qint64> {{QStringLiteral("emails"), 2}}));
        QCOMPARE(stats.deadLetterCount, 1);
    }

    void redisClusterIsOnePipelinePerMaster()
    {
        QString error;
        auto cluster = qd::test::RedisCluster::start(3, 0, &error);
        QVERIFY2(cluster, qPrintable(error));
        ClusterConfig config
            = clusterFor(QStringLiteral("eu"), cluster->seedEndpoints().constFirst());
        config.mode = ClusterMode::Cluster;
        // Queues spread over the masters by their own hash tags; one job's journey stays on
        // one slot per worker.
        config.queueSystem.queues = {{QStringLiteral("a"), QStringLiteral("{qa}:queue")},
            {QStringLiteral("b"), QStringLiteral("{qb}:queue")},
            {QStringLiteral("c"), QStringLiteral("{qc}:queue")}};
        const auto cli = [&](const QStringList& args) {
            return cluster->nodes().constFirst()->cli(QStringList {QStringLiteral("-c")} + args);
        };
        cli({QStringLiteral("LPUSH"), QStringLiteral("{qa}:queue"), QStringLiteral("1")});
        cli({QStringLiteral("LPUSH"), QStringLiteral("{qb}:queue"), QStringLiteral("1"),
            QStringLiteral("2")});
        cli({QStringLiteral("LPUSH"), QStringLiteral("{qc}:queue"), QStringLiteral("1"),
            QStringLiteral("2"), QStringLiteral("3")});
        cli({QStringLiteral("LPUSH"), config.queueSystem.processingKey(QStringLiteral("wa")),
            QStringLiteral("j")});
        cli({QStringLiteral("LPUSH"), config.queueSystem.processingKey(QStringLiteral("wb")),
            QStringLiteral("j")});
        cli({QStringLiteral("SET"), config.queueSystem.heartbeatKey(QStringLiteral("wa")),
            QStringLiteral("j"), QStringLiteral("EX"), QStringLiteral("30")});

        GoRedisWorkQueue backend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system());
        backend.poll();
        const ClusterStats stats = backend.poll();
        QCOMPARE(stats.server.masters, 3);
        QCOMPARE(stats.cost.roundTrips, 3); // one per master, run in parallel
        QCOMPARE(stats.queueSizes().value(QStringLiteral("a")), 1);
        QCOMPARE(stats.queueSizes().value(QStringLiteral("b")), 2);
        QCOMPARE(stats.queueSizes().value(QStringLiteral("c")), 3);
        QCOMPARE(stats.processingCount, 2);
        QCOMPARE(stats.workerCount, 1);
        QCOMPARE(stats.orphanedWorkers(), QStringList {QStringLiteral("wb")});
    }
};

QTEST_GUILESS_MAIN(TestQueueStats)
#include "TestQueueStats.moc"
