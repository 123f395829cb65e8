// queuedeck-loadgen through Sentinel: it finds the master by the name Sentinel knows it by.
// Failover itself is the Redis layer's business (TestRedisSentinel) and takes ~10 s here.

#include "LoadgenTestSupport.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisSentinelSet.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::Millis;
using qd::loadgen::JobDuration;
using qd::loadgen::LoadgenOptions;
using qd::loadgen::LoadRunner;
using qd::test::LoadgenProbe;
using qd::test::RedisSentinelSet;

class TestLoadgenSentinel final : public QObject {
    Q_OBJECT

private slots:
    void findsTheMasterByName();
};

void TestLoadgenSentinel::findsTheMasterByName()
{
    QString error;
    auto set = RedisSentinelSet::start(1, &error);
    QVERIFY2(set, qPrintable(error));

    LoadgenOptions options;
    options.cluster.name = u"loadgen-sentinel"_s;
    options.cluster.mode = qd::ClusterMode::Sentinel;
    options.cluster.endpoint = set->sentinelEndpoints().value(0);
    options.cluster.sentinelMaster = set->masterName();
    options.producers = 1;
    options.rate = 50;
    options.workers = 2;
    options.jobDuration = JobDuration(Millis(1));
    options.blockTimeout = Millis(100);
    options.commandTimeout = Millis(2000);
    options.statsInterval = Millis(0);
    LoadRunner run(options);
    QVERIFY2(run.start(&error), qPrintable(error));

    const QString completed = u"jobqueue:completed"_s;
    QTRY_VERIFY(LoadgenProbe(set->master()).llen(completed) >= 20);
    run.stop();
    const LoadgenProbe master(set->master());
    QCOMPARE(master.llen(completed), run.snapshot().completed);
    QCOMPARE(run.snapshot().errors, 0);
    QCOMPARE(master.keys(u"jobqueue:worker:*"_s), QByteArrayList {});
}

QTEST_GUILESS_MAIN(TestLoadgenSentinel)
#include "TestLoadgenSentinel.moc"
