// Servers that go away and come back among five polled clusters with the workload generator
// running: killed and restarted on the same port (reported as "connection refused", picked up
// again by the next poll), and restarted with a new password (reported as an authentication
// error naming the cluster, never the password; fixed through PUT /api/v1/clusters/{name}
// without restarting QueueDeck).

#include "FaultTestSupport.h"
#include "core/events/Event.h"
#include "core/health/HealthStatus.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

constexpr char kOldPassword[] = "old-pass-5b1e0c";
constexpr char kNewPassword[] = "new-pass-93d7aa";

struct Fleet {
    std::vector<std::unique_ptr<RedisServer>> servers;
    QList<ClusterConfig> clusters;
};

// Five standalone servers; the first (the victim) with a password.
bool startFleet(Fleet& fleet, QString* error)
{
    for (int i = 0; i < 5; ++i) {
        RedisServerOptions options;
        if (i == 0)
            options.password = QString::fromLatin1(kOldPassword);
        fleet.servers.push_back(RedisServer::start(options, error));
        if (!fleet.servers.back())
            return false;
        ClusterConfig cluster
            = clusterFor(QStringLiteral("c%1").arg(i), fleet.servers.back()->endpoint());
        cluster.password = options.password;
        fleet.clusters.append(cluster);
    }
    return true;
}

std::optional<Event> lastEvent(Manager& manager, const QString& type, const QString& cluster)
{
    std::optional<Event> found;
    for (const Event& event : manager.events().since(0)) {
        if (event.type == type && event.cluster == cluster)
            found = event;
    }
    return found;
}

bool othersReachable(Manager& manager, const Fleet& fleet)
{
    for (int i = 1; i < fleet.clusters.size(); ++i) {
        if (!manager.isReachable(fleet.clusters.at(i).name))
            return false;
    }
    return true;
}

} // namespace

class TestFaultRestart final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedServerIsRefusedThenPickedUpAgain()
    {
        Fleet fleet;
        QString error;
        QVERIFY2(startFleet(fleet, &error), qPrintable(error));
        auto load = startWorkload(fleet.clusters.at(0), &error);
        QVERIFY2(load, qPrintable(error));
        ApiHarness harness(faultConfig(fleet.clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("c0")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(othersReachable(manager, fleet), 10000);

        fleet.servers.at(0)->stop(); // SIGTERM: the port closes, connections are reset
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isReachable(QStringLiteral("c0")), 3000);
        const std::optional<Event> lost
            = lastEvent(manager, events::kClusterDisconnected, QStringLiteral("c0"));
        QVERIFY(lost);
        // Refused, or io when a pooled connection saw the reset first; never auth or tls.
        const QString reason = lost->data[QStringLiteral("reason")].toString();
        QVERIFY2(reason == u"refused" || reason == u"io", qPrintable(reason));
        // Kept down for several polls: it keeps failing as "refused" (the pool's backoff answers
        // with the connect error), and says so through the API.
        QTest::qWait(3 * int(kFaultInterval.count()));
        QVERIFY(!manager.isReachable(QStringLiteral("c0")));
        QVERIFY(manager.health(QStringLiteral("c0"))
                    .issue(u"unreachable")
                    ->message.contains(u"refused"));
        const HttpResponse cluster = harness.client().get(QStringLiteral("/api/v1/clusters/c0"));
        QCOMPARE(cluster.status, 200);
        const QString lastError = cluster.object()[QStringLiteral("connection")]
                                      .toObject()[QStringLiteral("last_error")]
                                      .toString();
        QVERIFY2(
            lastError.contains(u"\"c0\"") && lastError.contains(u"refused"), qPrintable(lastError));
        QVERIFY(othersReachable(manager, fleet));

        QVERIFY2(fleet.servers.at(0)->restart(), qPrintable(fleet.servers.at(0)->lastError()));
        QElapsedTimer back;
        back.start();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("c0")), 5000);
        // The reconnect backoff is capped under the interval: the next poll dials again.
        QVERIFY2(back.elapsed() <= (kFaultInterval + kFaultJitter).count() + 250,
            qPrintable(QStringLiteral("back after %1 ms").arg(back.elapsed())));
        QVERIFY(lastEvent(manager, events::kClusterConnected, QStringLiteral("c0"))->id > lost->id);
        // The generator's own clients reconnect as well: new work is taken again.
        const qint64 taken = load->snapshot().taken;
        QTRY_VERIFY_WITH_TIMEOUT(load->snapshot().taken > taken, 10000);
        // Workers show again once the generator's workers hold a job and a heartbeat and a
        // discovery SCAN cycle has completed; both wait on the generator's own reconnect
        // backoff, so this is generous (one loaded CI run needed 11 s).
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(QStringLiteral("c0")).value_or(ClusterStats {}).workerCount > 0,
            30000);
        QVERIFY(othersReachable(manager, fleet));
        load->stop();
    }

    void newPasswordIsAnAuthErrorUntilTheConfigFollows()
    {
        Fleet fleet;
        QString error;
        QVERIFY2(startFleet(fleet, &error), qPrintable(error));
        ApiHarness harness(faultConfig(fleet.clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("c0")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(othersReachable(manager, fleet), 10000);

        RedisServerOptions changed = fleet.servers.at(0)->options();
        changed.password = QString::fromLatin1(kNewPassword);
        QVERIFY2(
            fleet.servers.at(0)->restart(changed), qPrintable(fleet.servers.at(0)->lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isReachable(QStringLiteral("c0")), 3000);
        // The restart itself may first be seen as a refused connect; the auth error follows
        // with the next poll.
        const auto unreachableMessage = [&] {
            const HealthReport now = manager.health(QStringLiteral("c0"));
            return now.hasIssue(u"unreachable") ? now.issue(u"unreachable")->message : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(unreachableMessage().contains(u"authentication"), 3000);
        const HealthReport report = manager.health(QStringLiteral("c0"));
        QVERIFY(report.hasIssue(u"unreachable"));
        const QString message = report.issue(u"unreachable")->message;
        QVERIFY2(message.contains(u"\"c0\"") && message.contains(u"authentication"),
            qPrintable(message));
        QVERIFY2(message.contains(u"configuration needs fixing"), qPrintable(message));
        QVERIFY(!message.contains(QLatin1StringView(kOldPassword)));
        QVERIFY(!message.contains(QLatin1StringView(kNewPassword)));

        // Through the API, as an operator would: GET, set the new password, PUT.
        const HttpResponse got = harness.client().get(QStringLiteral("/api/v1/clusters/c0"));
        QCOMPARE(got.status, 200);
        QVERIFY(!got.body.contains(kOldPassword));
        QJsonObject body = got.object();
        body.remove(QStringLiteral("connection"));
        body.insert(QStringLiteral("password"), QString::fromLatin1(kNewPassword));
        const HttpResponse put = harness.client().put(QStringLiteral("/api/v1/clusters/c0"), body);
        QVERIFY2(put.status == 200, put.describe().constData());
        QVERIFY(!put.body.contains(kNewPassword));
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(QStringLiteral("c0")), 5000);
        QCOMPARE(manager.health(QStringLiteral("c0")).reachable, true);
        QVERIFY(othersReachable(manager, fleet));
        // Saved for the next start as well.
        QFile saved(harness.configPath());
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains(kNewPassword));
    }
};

QTEST_GUILESS_MAIN(TestFaultRestart)
#include "TestFaultRestart.moc"
