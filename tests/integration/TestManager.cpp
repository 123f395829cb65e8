#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "support/EngineConfig.h"
#include "support/RedisServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

int countEvents(Manager& manager, const QString& type, const QString& cluster)
{
    int n = 0;
    for (const Event& event : manager.events().since(0)) {
        if (event.type == type && event.cluster == cluster)
            ++n;
    }
    return n;
}

} // namespace

class TestManager final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pollsAllClustersAndReportsHealth()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        server->cli({QStringLiteral("LPUSH"), QStringLiteral("jobqueue:high_priority"),
            QStringLiteral("a"), QStringLiteral("b")});
        const quint16 closed = qd::test::freeLoopbackPort();
        Manager manager(configFor({clusterFor(QStringLiteral("up"), server->endpoint()),
            clusterFor(QStringLiteral("down"), QStringLiteral("127.0.0.1:%1").arg(closed))}));
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(manager.allStats().contains(QStringLiteral("up")), 5000);
        QCOMPARE(manager.stats(QStringLiteral("up")).totalQueued(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.health(QStringLiteral("down")).lastChecked.isValid(), 5000);
        const HealthReport down = manager.health(QStringLiteral("down"));
        QVERIFY(!down.reachable);
        QVERIFY(!down.healthy);
        QVERIFY(down.hasIssue(u"unreachable"));
        // Queued work and nobody to take it: reachable, but not healthy.
        QTRY_VERIFY(manager.health(QStringLiteral("up")).hasIssue(u"no_live_workers"));
        QVERIFY(manager.health(QStringLiteral("up")).reachable);
        // Several failing polls, one disconnected event: transitions only.
        QTest::qWait(1500);
        QCOMPARE(countEvents(manager, events::kClusterDisconnected, QStringLiteral("down")), 1);
        QCOMPARE(countEvents(manager, events::kClusterConnected, QStringLiteral("up")), 1);
        QVERIFY_THROWS_EXCEPTION(ClusterError, manager.stats(QStringLiteral("down")));
        QVERIFY_THROWS_EXCEPTION(ClusterError, manager.stats(QStringLiteral("nope")));
    }

    void healthBeforeStartIsUnknown()
    {
        // No server: nothing may be dialled before start(), and the answer needs none.
        ClusterConfig off = clusterFor(QStringLiteral("off"), QStringLiteral("127.0.0.1:1"));
        off.enabled = false;
        Manager manager(
            configFor({clusterFor(QStringLiteral("prod"), QStringLiteral("127.0.0.1:1")), off}));
        const HealthReport report = manager.health(QStringLiteral("prod"));
        QCOMPARE(report.cluster, QStringLiteral("prod"));
        QCOMPARE(report.status, HealthStatus::Unknown);
        QVERIFY(!report.healthy);
        QVERIFY(!report.reachable);
        QVERIFY(report.hasIssue(u"not_polled_yet"));
        QCOMPARE(manager.healthAll().size(), 1);
        QCOMPARE(manager.healthAll().constFirst().status, HealthStatus::Unknown);
        // Unknown and disabled clusters are still refused, with their own kinds.
        try {
            manager.health(QStringLiteral("nope"));
            QFAIL("an unknown cluster was accepted");
        } catch (const ClusterError& error) {
            QCOMPARE(error.kind(), ClusterError::Kind::Unknown);
        }
        try {
            manager.health(QStringLiteral("off"));
            QFAIL("a disabled cluster was accepted");
        } catch (const ClusterError& error) {
            QCOMPARE(error.kind(), ClusterError::Kind::Disabled);
        }
        // Started but not polled yet reads the same.
        manager.start();
        QCOMPARE(manager.health(QStringLiteral("prod")).status, HealthStatus::Unknown);
        QVERIFY(manager.health(QStringLiteral("prod")).hasIssue(u"not_polled_yet"));
    }

    void stoppedServerTurnsCriticalAndRecovers()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        Manager manager(configFor({clusterFor(QStringLiteral("prod"), server->endpoint())}));
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("prod")), 5000);
        server->freeze();
        // Critical within timeout + interval (+ jitter and scheduling slack).
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isReachable(QStringLiteral("prod")), 1500);
        QCOMPARE(manager.health(QStringLiteral("prod")).worstSeverity(), Severity::Critical);
        server->thaw();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("prod")), 5000);
        QCOMPARE(countEvents(manager, events::kClusterConnected, QStringLiteral("prod")), 2);
        QCOMPARE(countEvents(manager, events::kClusterDisconnected, QStringLiteral("prod")), 1);
        // Killed and restarted on the same port: reconnected without restarting anything.
        QVERIFY(server->restart());
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("prod")), 10000);
    }

    void hotAddUpdateRemoveAreSaved()
    {
        QString error;
        auto a = RedisServer::start({}, &error);
        QVERIFY2(a, qPrintable(error));
        auto b = RedisServer::start({}, &error);
        QVERIFY2(b, qPrintable(error));
        b->cli({QStringLiteral("LPUSH"), QStringLiteral("jobqueue:low_priority"),
            QStringLiteral("x")});
        QTemporaryDir dir;
        ConfigFile file(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(file.load(true).ok());
        Manager manager(configFor({clusterFor(QStringLiteral("a"), a->endpoint())}));
        manager.setConfigFile(&file);
        manager.start();
        QSignalSpy changed(&manager, &Manager::clustersChanged);

        manager.addCluster(clusterFor(QStringLiteral("b"), b->endpoint()));
        QCOMPARE(changed.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(manager.allStats().contains(QStringLiteral("b")), 5000);
        QCOMPARE(manager.stats(QStringLiteral("b")).totalQueued(), 1);
        QVERIFY(ConfigFile(file.path()).load(false).config.cluster(QStringLiteral("b")));
        QVERIFY_THROWS_EXCEPTION(
            ClusterError, manager.addCluster(clusterFor(QStringLiteral("b"), b->endpoint())));
        ClusterConfig bad = clusterFor(QStringLiteral("c"), QString());
        QVERIFY_THROWS_EXCEPTION(ClusterError, manager.addCluster(bad));

        ClusterConfig renamed = clusterFor(QStringLiteral("b2"), b->endpoint());
        manager.updateCluster(QStringLiteral("b"), renamed);
        QTRY_VERIFY_WITH_TIMEOUT(manager.allStats().contains(QStringLiteral("b2")), 5000);
        QVERIFY(!manager.allStats().contains(QStringLiteral("b")));

        manager.removeCluster(QStringLiteral("b2"));
        QCOMPARE(manager.clusterNames(), QStringList {QStringLiteral("a")});
        QVERIFY(!ConfigFile(file.path()).load(false).config.cluster(QStringLiteral("b2")));
        QCOMPARE(countEvents(manager, events::kConfigChanged, QString()), 3);
    }

    void readsWithinTtlCostNoPoll()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        ManualClock clock;
        Config config = configFor({clusterFor(QStringLiteral("p"), server->endpoint())});
        config.polling.enabled = false; // only reads trigger polls here
        config.cache.ttl = 2s;
        Manager manager(config, clock);
        QSignalSpy started(&manager, &Manager::pollStarted);
        manager.start();
        QVERIFY_THROWS_EXCEPTION(
            ClusterError, manager.stats(QStringLiteral("p"))); // no data yet: asks
        QTRY_VERIFY(manager.allStats().contains(QStringLiteral("p")));
        QCOMPARE(started.count(), 1);
        clock.advance(1s);
        manager.stats(QStringLiteral("p"));
        manager.stats(QStringLiteral("p"));
        QTest::qWait(100);
        QCOMPARE(started.count(), 1); // within the TTL: no Redis call
        clock.advance(1500ms);
        manager.stats(QStringLiteral("p")); // stale: answers, and refreshes
        QTRY_COMPARE(started.count(), 2);
    }

    void uiStateIsShared()
    {
        Manager manager(configFor({clusterFor(QStringLiteral("a"), QStringLiteral("127.0.0.1:1")),
            clusterFor(QStringLiteral("b"), QStringLiteral("127.0.0.1:2"))}));
        QCOMPARE(manager.activeCluster(), QStringLiteral("a"));
        manager.start();
        QSignalSpy active(&manager, &Manager::activeClusterChanged);
        manager.switchCluster(QStringLiteral("b"));
        QCOMPARE(active.count(), 1);
        QVERIFY_THROWS_EXCEPTION(ClusterError, manager.switchCluster(QStringLiteral("zz")));
        manager.setCompareMode(true, {QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(manager.compareMode().enabled);
        QVERIFY_THROWS_EXCEPTION(ClusterError, manager.setCompareMode(true, {QStringLiteral("a")}));
    }
};

QTEST_GUILESS_MAIN(TestManager)
#include "TestManager.moc"
