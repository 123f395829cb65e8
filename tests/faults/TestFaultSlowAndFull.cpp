// A slow server (DEBUG SLEEP from another client) and a full one (maxmemory, noeviction)
// among five polled clusters with the workload generator running: health names the problem
// (latency, memory), and actions against them fail with a clear message instead of hanging.

#include "FaultTestSupport.h"
#include "support/RedisCli.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

// This test needs polls that can be slow without timing out, so its own, longer, timeout.
constexpr Millis kInterval {800};
constexpr Millis kTimeout {700};

// redis-cli in the background, so the test keeps the event loop (and the engine) running.
std::unique_ptr<QProcess> startCli(const RedisServer& server, const QStringList& args)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(u"redis-cli"_s);
    process->setArguments(server.cliConnectionArgs() + args);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start();
    process->waitForStarted(5000);
    return process;
}

} // namespace

class TestFaultSlowAndFull final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_servers.clear();
        m_clusters.clear();
        for (int i = 0; i < 5; ++i) {
            QString error;
            m_servers.push_back(RedisServer::start({}, &error));
            QVERIFY2(m_servers.back(), qPrintable(error));
            m_clusters.append(clusterFor(u"c%1"_s.arg(i), m_servers.back()->endpoint()));
        }
    }

    void slowServerShowsLatencyAndActionsTimeOut()
    {
        QString error;
        auto load = startWorkload(m_clusters.at(0), &error);
        QVERIFY2(load, qPrintable(error));
        Config config = faultConfig(m_clusters);
        config.polling = PollingConfig {kInterval, kFaultJitter, kTimeout, true};
        config.health.latencyWarning = 150ms;
        config.health.latencyCritical = 2000ms; // over the timeout: slow is a warning here
        // The sleeper below slows most polls, not every one; this test is about the threshold,
        // the rule's evidence time has its own (TestHealthEvidence).
        config.health.latency.forDuration = 0ms;
        config.actions.allowedActions.append(u"requeue_dlq"_s);
        ApiHarness harness(config);
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, m_clusters, &unreachable), qPrintable(unreachable));
        QVERIFY(!manager.health(u"c0"_s).hasIssue(u"latency"));

        // Busy 300 ms out of every ~350: a poll waits behind a sleep, but within its timeout.
        auto sleeper = startCli(*m_servers.at(0),
            {u"-r"_s, u"40"_s, u"-i"_s, u"0.05"_s, u"DEBUG"_s, u"SLEEP"_s, u"0.3"_s});
        QTRY_VERIFY_WITH_TIMEOUT(manager.health(u"c0"_s).hasIssue(u"latency"), 8000);
        const HealthReport slow = manager.health(u"c0"_s);
        QVERIFY2(slow.reachable, "a slow server is not an unreachable one");
        QCOMPARE(slow.issue(u"latency")->severity, Severity::Warning);
        QVERIFY(slow.metrics.latencyMs > 150);
        const HttpResponse viaApi = harness.client().get(u"/api/v1/health?cluster=c0"_s);
        QVERIFY(viaApi.body.contains("\"latency\""));
        sleeper->kill();
        sleeper->waitForFinished(5000);

        // Now a long stall: the action's commands run into the client timeout and the action
        // fails, naming the cluster and the timeout; the request returns, nothing hangs.
        auto stall = startCli(*m_servers.at(0), {u"DEBUG"_s, u"SLEEP"_s, u"5"_s});
        // Go on once the sleep has reached the server: a PING then gets no answer in time.
        const auto busy = [&] {
            return RedisCli::run(
                       m_servers.at(0)->cliConnectionArgs() + QStringList {u"PING"_s}, 300)
                       .out
                != "PONG";
        };
        QTRY_VERIFY_WITH_TIMEOUT(busy(), 3000);
        QElapsedTimer timer;
        timer.start();
        const HttpResponse action = harness.client().post(u"/api/v1/actions"_s,
            {{u"type"_s, u"pause_queue"_s}, {u"targets"_s, QJsonArray {u"c0"_s, u"c1"_s}},
                {u"parameters"_s, QJsonObject {{u"queue"_s, u"high"_s}}}});
        const qint64 took = timer.elapsed();
        QVERIFY2(action.status == 200, action.describe().constData());
        QVERIFY2(took < kTimeout.count() + 1500, qPrintable(u"took %1 ms"_s.arg(took)));
        const QJsonObject results = action.object()[u"results"_s].toObject();
        const QJsonObject onSlow = results[u"c0"_s].toObject();
        QCOMPARE(onSlow[u"success"_s].toBool(), false);
        const QString message = onSlow[u"message"_s].toString();
        QVERIFY2(message.contains(u"\"c0\"") && message.contains(u"no reply within"),
            qPrintable(message));
        QCOMPARE(results[u"c1"_s].toObject()[u"success"_s].toBool(), true); // others unharmed
        QCOMPARE(action.object()[u"status"_s].toString(), u"failed"_s);
        // Meanwhile polls time out: unreachable (critical), then back once the sleep ends.
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isReachable(u"c0"_s), 5000);
        QVERIFY(manager.isReachable(u"c1"_s));
        stall->waitForFinished(10000);
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(u"c0"_s), 5000);
        // Unpause c1 again, for tidiness of the shared servers.
        harness.client().post(u"/api/v1/actions"_s,
            {{u"type"_s, u"resume_queue"_s}, {u"targets"_s, QJsonArray {u"c1"_s}},
                {u"parameters"_s, QJsonObject {{u"queue"_s, u"high"_s}}}});
        load->stop();
    }

    void fullServerShowsMemoryAndWritesFailClearly()
    {
        QString error;
        auto load = startWorkload(m_clusters.at(1), &error);
        QVERIFY2(load, qPrintable(error));
        ApiHarness harness(faultConfig(m_clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, m_clusters, &unreachable), qPrintable(unreachable));
        QVERIFY(!manager.health(u"c1"_s).hasIssue(u"memory"));

        RedisServer& full = *m_servers.at(1);
        QCOMPARE(full.cli({u"CONFIG"_s, u"SET"_s, u"maxmemory-policy"_s, u"noeviction"_s}),
            QByteArray("OK"));
        const QByteArray info = full.cli({u"INFO"_s, u"memory"_s});
        const qsizetype at = info.indexOf("used_memory:");
        QVERIFY(at >= 0);
        const qint64 used
            = info.mid(at + 12, info.indexOf('\r', at) - at - 12).trimmed().toLongLong();
        QVERIFY(used > 0);
        // A limit 1 MB above what is used now, then 3 MB more data: over the limit for good.
        QCOMPARE(
            full.cli({u"CONFIG"_s, u"SET"_s, u"maxmemory"_s, QString::number(used + 1'000'000)}),
            QByteArray("OK"));
        QCOMPARE(full.cli({u"DEBUG"_s, u"POPULATE"_s, u"3000"_s, u"filler"_s, u"1000"_s}),
            QByteArray("OK"));

        // Over the limit for good: reported once the rule's evidence time (5 s) has passed.
        QTRY_VERIFY_WITH_TIMEOUT(manager.health(u"c1"_s).hasIssue(u"memory"),
            5000 + int(HealthConfig().memory.forDuration.count()));
        const HealthReport report = manager.health(u"c1"_s);
        QVERIFY(report.reachable);
        QCOMPARE(report.issue(u"memory")->severity, Severity::Critical);
        QVERIFY(!report.healthy);
        // The producers see OOM refusals: the generator counts them as errors.
        QTRY_VERIFY_WITH_TIMEOUT(load->snapshot().errors > 0, 5000);

        QElapsedTimer timer;
        timer.start();
        const HttpResponse action = harness.client().post(u"/api/v1/actions"_s,
            {{u"type"_s, u"pause_queue"_s}, {u"targets"_s, QJsonArray {u"c1"_s}},
                {u"parameters"_s, QJsonObject {{u"queue"_s, u"low"_s}}}});
        QVERIFY2(action.status == 200, action.describe().constData());
        QVERIFY2(timer.elapsed() < 3000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
        const QJsonObject result = action.object()[u"results"_s].toObject()[u"c1"_s].toObject();
        QCOMPARE(result[u"success"_s].toBool(), false);
        const QString message = result[u"message"_s].toString();
        QVERIFY2(message.contains(u"OOM") && message.contains(u"maxmemory"), qPrintable(message));
        QVERIFY(full.cli({u"EXISTS"_s, u"jobqueue:paused:low"_s}) == "0");

        // Memory freed: the issue clears by itself, and the same action now works.
        QCOMPARE(full.cli({u"CONFIG"_s, u"SET"_s, u"maxmemory"_s, u"0"_s}), QByteArray("OK"));
        QTRY_VERIFY_WITH_TIMEOUT(!manager.health(u"c1"_s).hasIssue(u"memory"), 5000);
        const HttpResponse again = harness.client().post(u"/api/v1/actions"_s,
            {{u"type"_s, u"pause_queue"_s}, {u"targets"_s, QJsonArray {u"c1"_s}},
                {u"parameters"_s, QJsonObject {{u"queue"_s, u"low"_s}}}});
        QCOMPARE(again.object()[u"results"_s].toObject()[u"c1"_s].toObject()[u"success"_s].toBool(),
            true);
        load->stop();
    }

    void cleanup() { m_servers.clear(); }

private:
    std::vector<std::unique_ptr<RedisServer>> m_servers;
    QList<ClusterConfig> m_clusters;
};

QTEST_GUILESS_MAIN(TestFaultSlowAndFull)
#include "TestFaultSlowAndFull.moc"
