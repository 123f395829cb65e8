// A redis-server frozen with SIGSTOP among five polled clusters, each with the workload
// generator running on two of them: the frozen cluster turns critical within timeout +
// interval (+ jitter), nobody else's polls are delayed, the API keeps answering in < 100 ms,
// and after SIGCONT the cluster recovers within one interval, without restarting anything.

#include "FaultTestSupport.h"
#include "core/events/Event.h"
#include "core/health/HealthStatus.h"
#include "support/RedisServer.h"
#include "support/Sanitizers.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

// What the timer of a loaded 2-core machine may add to a due time: QTimer is coarse (5%), the
// main thread may be inside a request, and other test processes compete for both cores.
constexpr qint64 kSchedulingSlackMs = 100;

} // namespace

class TestFaultFrozenServer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frozenServerIsIsolatedAndRecovers()
    {
        std::vector<std::unique_ptr<RedisServer>> servers;
        QList<ClusterConfig> clusters;
        for (int i = 0; i < 5; ++i) {
            QString error;
            servers.push_back(RedisServer::start({}, &error));
            QVERIFY2(servers.back(), qPrintable(error));
            clusters.append(clusterFor(QStringLiteral("c%1").arg(i), servers.back()->endpoint()));
        }
        const QString victim = clusters.at(0).name;
        QString error;
        auto victimLoad = startWorkload(clusters.at(0), &error);
        QVERIFY2(victimLoad, qPrintable(error));
        auto otherLoad = startWorkload(clusters.at(1), &error);
        QVERIFY2(otherLoad, qPrintable(error));

        ApiHarness harness(faultConfig(clusters));
        QVERIFY2(harness.start(&error, false), qPrintable(error));
        PollStartLog polls(harness.manager()); // before polling: see the first polls too
        harness.manager().start();
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, clusters, &unreachable), qPrintable(unreachable));

        // When the victim's reachability flipped, on the poll log's clock: taken from the
        // signal, so the API probing in between does not blur the measurement.
        QObject context;
        qint64 wentDownAt = -1;
        qint64 cameBackAt = -1;
        QObject::connect(&manager, &Manager::healthUpdated, &context, [&](const QString& name) {
            if (name != victim)
                return;
            const bool up = manager.isReachable(victim);
            if (!up && wentDownAt < 0)
                wentDownAt = polls.now();
            if (up && wentDownAt >= 0 && cameBackAt < 0)
                cameBackAt = polls.now();
        });

        TimedApi api(harness.client());
        const QStringList paths {QStringLiteral("/api/v1/health"),
            QStringLiteral("/api/v1/clusters"), QStringLiteral("/api/v1/stats?cluster=c1"),
            QStringLiteral("/api/v1/health?cluster=c0"), QStringLiteral("/api/v1/stats"),
            QStringLiteral("/api/v1/clusters/c0")};
        int next = 0;
        // Keeps the API busy while waiting; true as soon as done() holds.
        const auto probeUntil = [&](qint64 deadlineMs, const auto& done) {
            while (polls.now() < deadlineMs) {
                if (done())
                    return true;
                const HttpResponse response = api.get(paths.at(next++ % paths.size()));
                if (response.status == 0)
                    qWarning("no answer: %s", response.describe().constData());
                QTest::qWait(10);
            }
            return done();
        };

        const qint64 baselineFrom = polls.now();
        probeUntil(polls.now() + 1500, [] { return false; });

        wentDownAt = -1; // only the freeze counts
        cameBackAt = -1;
        servers.at(0)->freeze();
        const qint64 frozenAt = polls.now();
        // Worst case: the freeze lands just after a poll started, so the next one starts an
        // interval (+ jitter) later and is abandoned a timeout after that.
        const qint64 detectBudget = (kFaultInterval + kFaultJitter + kFaultTimeout).count();
        const bool detected = probeUntil(frozenAt + detectBudget + kSchedulingSlackMs + 2000,
            [&] { return !manager.isReachable(victim); });
        const qint64 detectedAfter = wentDownAt - frozenAt;
        QVERIFY2(detected, "the frozen cluster was never reported unreachable");
        QVERIFY2(detectedAfter <= detectBudget + kSchedulingSlackMs,
            qPrintable(QStringLiteral("detected after %1 ms, budget %2 ms")
                           .arg(detectedAfter)
                           .arg(detectBudget)));
        const HealthReport down = manager.health(victim);
        QCOMPARE(down.status, HealthStatus::Unhealthy);
        QCOMPARE(down.worstSeverity(), Severity::Critical);
        QVERIFY(down.hasIssue(u"unreachable"));
        QVERIFY2(down.issue(u"unreachable")->message.contains(u"\"c0\""),
            qPrintable(down.issue(u"unreachable")->message));
        const HttpResponse apiDown = api.get(QStringLiteral("/api/v1/health?cluster=c0"));
        QCOMPARE(apiDown.status, 503);
        QCOMPARE(apiDown.object()[QStringLiteral("reachable")].toBool(), false);

        // Frozen a while longer: every poll of it now runs into its timeout.
        probeUntil(polls.now() + 2000, [] { return false; });
        for (int i = 1; i < clusters.size(); ++i)
            QVERIFY2(manager.isReachable(clusters.at(i).name), qPrintable(clusters.at(i).name));
        const std::optional<Event> lost = lastEvent(manager, events::kClusterDisconnected, victim);
        QVERIFY(lost);
        QCOMPARE(lost->data[QStringLiteral("reason")].toString(), QStringLiteral("timeout"));

        servers.at(0)->thaw();
        const qint64 thawedAt = polls.now();
        // "Within one interval": the first poll that starts after SIGCONT succeeds, and it
        // starts within interval + jitter; its result is in as soon as it has run.
        const qint64 recoverBudget = (kFaultInterval + kFaultJitter).count();
        const bool recovered = probeUntil(
            thawedAt + recoverBudget + kSchedulingSlackMs + 5000, [&] { return cameBackAt >= 0; });
        QVERIFY2(recovered, "the thawed cluster never came back");
        const qint64 recoveredAfter = cameBackAt - thawedAt;
        const qint64 successStartedAfter = polls.lastStartBefore(victim, cameBackAt) - thawedAt;
        QVERIFY2(successStartedAfter <= recoverBudget + kSchedulingSlackMs,
            qPrintable(QStringLiteral("the poll that recovered started %1 ms after SIGCONT, budget "
                                      "%2 ms")
                           .arg(successStartedAfter)
                           .arg(recoverBudget)));
        QVERIFY2(recoveredAfter <= recoverBudget + kFaultTimeout.count() + kSchedulingSlackMs,
            qPrintable(QStringLiteral("recovered after %1 ms").arg(recoveredAfter)));
        probeUntil(polls.now() + 1000, [] { return false; });
        const qint64 until = polls.now();
        QVERIFY(lastEvent(manager, events::kClusterConnected, victim)->id > lost->id);

        // Nobody else waited for the frozen server: no gap between two poll starts of any other
        // cluster grew past interval + jitter, before, during or after the freeze. (Shorter gaps
        // are allowed: reading stale stats through the API asks for a poll at once.)
        for (int i = 1; i < clusters.size(); ++i) {
            const QList<qint64> gaps = polls.gaps(clusters.at(i).name, baselineFrom, until);
            QVERIFY2(gaps.size() >= 8, qPrintable(QStringLiteral("%1 polls").arg(gaps.size())));
            const qint64 longest = *std::max_element(gaps.cbegin(), gaps.cend());
            const qint64 shortest = *std::min_element(gaps.cbegin(), gaps.cend());
            qInfo("%s: %lld poll gaps, %lld..%lld ms", qPrintable(clusters.at(i).name),
                qint64(gaps.size()), shortest, longest);
            QVERIFY2(longest <= (kFaultInterval + kFaultJitter).count() + kSchedulingSlackMs,
                qPrintable(QStringLiteral("%1: a poll started %2 ms after the previous one")
                               .arg(clusters.at(i).name)
                               .arg(longest)));
        }
        // The API never waited on Redis: every request under 100 ms. The test runs alone
        // (RUN_SERIAL in tests/faults/CMakeLists.txt), so other tests' CPU cannot hold a
        // request up; ASan's slowdown is allowed for.
        const qint64 apiBoundMs = 100 * kSanitizerSlowdown;
        qInfo("%d API requests, p50 %lld ms, p99 %lld ms, slowest %lld ms (%s); detected after "
              "%lld ms, recovered after %lld ms (its poll started after %lld ms)",
            api.count(), api.percentileMs(0.5), api.percentileMs(0.99), api.slowestMs(),
            qPrintable(api.slowestPath()), detectedAfter, recoveredAfter, successStartedAfter);
        QCOMPARE(api.unanswered(), 0);
        QVERIFY(api.count() > 100);
        QVERIFY2(api.slowestMs() < apiBoundMs,
            qPrintable(
                QStringLiteral("%1 took %2 ms").arg(api.slowestPath()).arg(api.slowestMs())));
        // The workload on the frozen server resumed too.
        const qint64 taken = victimLoad->snapshot().taken;
        QTRY_VERIFY_WITH_TIMEOUT(victimLoad->snapshot().taken > taken, 5000);
        victimLoad->stop();
        otherLoad->stop();
    }

private:
    static std::optional<Event> lastEvent(
        Manager& manager, const QString& type, const QString& cluster)
    {
        std::optional<Event> found;
        for (const Event& event : manager.events().since(0)) {
            if (event.type == type && event.cluster == cluster)
                found = event;
        }
        return found;
    }
};

QTEST_GUILESS_MAIN(TestFaultFrozenServer)
#include "TestFaultFrozenServer.moc"
