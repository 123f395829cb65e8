// queuedeck-loadgen on a 3-master Redis Cluster: with hash-tagged keys the whole queue system
// runs on one slot's master; without them loadgen refuses to start and says why.

#include "LoadgenTestSupport.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisCluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using qd::Millis;
using qd::QueueSystemConfig;
using qd::loadgen::JobDuration;
using qd::loadgen::LoadgenOptions;
using qd::loadgen::LoadRunner;
using qd::test::LoadgenProbe;
using qd::test::RedisCluster;

namespace {

QueueSystemConfig taggedSystem()
{
    QueueSystemConfig system;
    system.queues = {{u"high"_s, u"{jobs}:high_priority"_s}, {u"low"_s, u"{jobs}:low_priority"_s}};
    system.completedKey = u"{jobs}:completed"_s;
    system.deadLetterKey = u"{jobs}:dead_letter"_s;
    system.processingPattern = u"{jobs}:worker:*:processing"_s;
    system.heartbeatPattern = u"{jobs}:processing:worker:*"_s;
    // Left untagged on purpose: pause flags are read on their own and may live on any node.
    system.pausePrefix = u"jobqueue:paused:"_s;
    system.maxRetries = 1;
    return system;
}

} // namespace

Q_DECLARE_METATYPE(QueueSystemConfig)

class TestLoadgenCluster final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void hashTaggedKeysWork();
    void untaggedKeysAreRefused_data();
    void untaggedKeysAreRefused();

private:
    LoadgenOptions clusterOptions(const QueueSystemConfig& system) const;

    std::unique_ptr<RedisCluster> m_cluster;
};

void TestLoadgenCluster::initTestCase()
{
    QString error;
    m_cluster = RedisCluster::start(3, 0, &error);
    QVERIFY2(m_cluster, qPrintable(error));
}

LoadgenOptions TestLoadgenCluster::clusterOptions(const QueueSystemConfig& system) const
{
    LoadgenOptions options;
    options.cluster.name = u"loadgen-cluster"_s;
    options.cluster.mode = qd::ClusterMode::Cluster;
    options.cluster.endpoint = m_cluster->seedEndpoints().value(0);
    options.cluster.seeds = m_cluster->seedEndpoints().mid(1);
    options.cluster.queueSystem = system;
    options.blockTimeout = Millis(100);
    options.commandTimeout = Millis(3000);
    options.statsInterval = Millis(0);
    options.seed = 7;
    return options;
}

void TestLoadgenCluster::hashTaggedKeysWork()
{
    const LoadgenProbe redis(m_cluster->nodes().value(0), true);
    LoadgenOptions options = clusterOptions(taggedSystem());
    options.producers = 2;
    options.rate = 100;
    options.workers = 3;
    options.jobDuration = JobDuration(Millis(1), Millis(5));
    options.failureRatio = 0.2;
    LoadRunner run(options);
    QString error;
    QVERIFY2(run.start(&error), qPrintable(error));
    QTRY_VERIFY(redis.llen(u"{jobs}:completed"_s) >= 60);

    QCOMPARE(redis.run({u"SET"_s, u"jobqueue:paused:high"_s, u"1"_s}), QByteArrayLiteral("OK"));
    QThread::msleep(300);
    const qint64 high = redis.llen(u"{jobs}:high_priority"_s);
    QThread::msleep(700);
    QVERIFY(redis.llen(u"{jobs}:high_priority"_s) >= high + 25);
    QCOMPARE(redis.run({u"DEL"_s, u"jobqueue:paused:high"_s}), QByteArrayLiteral("1"));
    QTRY_VERIFY(redis.llen(u"{jobs}:high_priority"_s) <= 3);
    run.stop();

    const auto snapshot = run.snapshot();
    QCOMPARE(snapshot.errors, 0);
    QVERIFY(snapshot.failed > 0);
    QCOMPARE(redis.llen(u"{jobs}:completed"_s), snapshot.completed);
    QCOMPARE(redis.llen(u"{jobs}:dead_letter"_s), snapshot.deadLettered);
    QCOMPARE(snapshot.produced,
        snapshot.completed + snapshot.deadLettered + redis.llen(u"{jobs}:high_priority"_s)
            + redis.llen(u"{jobs}:low_priority"_s));
    for (const QByteArray& payload : redis.lrange(u"{jobs}:dead_letter"_s))
        QCOMPARE(QJsonDocument::fromJson(payload).object().value(u"retries"_s).toInteger(), 2);
    // Every key of the queue system sits on the one master that owns "{jobs}".
    int holders = 0;
    for (auto* master : m_cluster->masters()) {
        const LoadgenProbe node(master);
        const QByteArrayList keys = node.keys(u"{jobs}:*"_s);
        holders += keys.isEmpty() ? 0 : 1;
    }
    QCOMPARE(holders, 1);
}

void TestLoadgenCluster::untaggedKeysAreRefused_data()
{
    QTest::addColumn<QueueSystemConfig>("system");
    QTest::newRow("upstream defaults") << QueueSystemConfig {};
    QueueSystemConfig perWorker = taggedSystem();
    perWorker.processingPattern = u"jobs:worker:{*}:processing"_s;
    QTest::newRow("tag around the worker id") << perWorker;
    QueueSystemConfig oneQueue = taggedSystem();
    oneQueue.queues.append({u"bulk"_s, u"bulk_priority"_s});
    QTest::newRow("one queue untagged") << oneQueue;
}

void TestLoadgenCluster::untaggedKeysAreRefused()
{
    QFETCH(QueueSystemConfig, system);
    LoadgenOptions options = clusterOptions(system);
    options.producers = 1;
    options.workers = 1;
    LoadRunner run(options);
    QString error;
    QVERIFY(!run.start(&error));
    QVERIFY2(error.contains(u"hash slot"_s) && error.contains(u"{jobs}"_s), qPrintable(error));
    QVERIFY(!run.isRunning());
}

QTEST_GUILESS_MAIN(TestLoadgenCluster)
#include "TestLoadgenCluster.moc"
