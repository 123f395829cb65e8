// queuedeck-loadgen's bursty producers and the gap between a take and its heartbeat, against a
// real redis-server.

#include "loadgen/LoadRunner.h"
#include "loadgen/OptionParser.h"
#include "support/EngineConfig.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

class TestLoadgenBursts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesBurstsAndTheHeartbeatGap()
    {
        loadgen::OptionParser parser;
        QCOMPARE(parser.parse({u"loadgen"_s, u"--endpoint"_s, u"127.0.0.1:1"_s, u"--burst"_s,
                     u"20"_s, u"--every"_s, u"250ms"_s, u"--heartbeat-gap"_s, u"0ms..2ms"_s}),
            loadgen::OptionParser::Outcome::Run);
        QCOMPARE(parser.options().burst, 20);
        QCOMPARE(parser.options().every, Millis(250));
        QVERIFY(parser.options().bursty());
        QCOMPARE(parser.options().heartbeatGap.min(), Millis(0));
        QCOMPARE(parser.options().heartbeatGap.max(), Millis(2));

        loadgen::OptionParser everyAlone;
        QCOMPARE(everyAlone.parse(
                     {u"loadgen"_s, u"--endpoint"_s, u"127.0.0.1:1"_s, u"--every"_s, u"100ms"_s}),
            loadgen::OptionParser::Outcome::Error);
        QVERIFY2(everyAlone.message().contains(u"--burst"_s), qPrintable(everyAlone.message()));
        loadgen::OptionParser badGap;
        QCOMPARE(badGap.parse({u"loadgen"_s, u"--endpoint"_s, u"127.0.0.1:1"_s,
                     u"--heartbeat-gap"_s, u"5ms..1ms"_s}),
            loadgen::OptionParser::Outcome::Error);
    }

    void burstsArriveWholeAtTheirInterval()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        loadgen::LoadgenOptions options;
        options.cluster = clusterFor(u"bursty"_s, server->endpoint());
        options.queues = {{u"high"_s, 1.0}};
        options.statsInterval = 0ms;
        options.workers = 0;
        options.burst = 20;
        options.every = 200ms;
        options.rate = 1000; // not used once bursts are asked for
        loadgen::LoadRunner run(options);
        QVERIFY2(run.start(&error), qPrintable(error));
        QTest::qWait(1100); // bursts at 0, 200, ..., 1000 ms
        run.stop();
        const qint64 total = server->cli({u"LLEN"_s, u"jobqueue:high_priority"_s}).toLongLong();
        // Whole bursts only, about one per interval (a loaded machine may lose one or two).
        QCOMPARE(total % 20, 0);
        QVERIFY2(total >= 4 * 20 && total <= 7 * 20, qPrintable(QString::number(total)));
    }

    void workersWaitTheGapBeforeTheirHeartbeat()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        loadgen::LoadgenOptions options;
        options.cluster = clusterFor(u"gap"_s, server->endpoint());
        options.statsInterval = 0ms;
        options.producers = 0;
        options.workers = 1;
        options.jobDuration = loadgen::JobDuration(5s);
        options.heartbeatGap = loadgen::JobDuration(1500ms);
        server->cli({u"LPUSH"_s, u"jobqueue:high_priority"_s,
            u"{\"id\":\"j1\",\"queue\":\"high\",\"payload\":{},\"retries\":0}"_s});
        loadgen::LoadRunner run(options);
        QVERIFY2(run.start(&error), qPrintable(error));
        const QString worker = run.workerIds().constFirst();
        const QString processing = options.cluster.queueSystem.processingKey(worker);
        const QString heartbeat = options.cluster.queueSystem.heartbeatKey(worker);
        QTRY_COMPARE_WITH_TIMEOUT(server->cli({u"LLEN"_s, processing}), QByteArray("1"), 3000);
        QElapsedTimer taken;
        taken.start();
        // Taken, not yet marked: what a poll between take and heartbeat sees.
        QCOMPARE(server->cli({u"EXISTS"_s, heartbeat}), QByteArray("0"));
        QTRY_COMPARE_WITH_TIMEOUT(server->cli({u"EXISTS"_s, heartbeat}), QByteArray("1"), 5000);
        QVERIFY2(taken.elapsed() >= 1000, qPrintable(QString::number(taken.elapsed())));
        run.stop();
    }
};

QTEST_GUILESS_MAIN(TestLoadgenBursts)
#include "TestLoadgenBursts.moc"
