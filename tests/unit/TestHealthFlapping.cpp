#include "core/health/HealthTracker.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;

namespace {

const QDateTime kStart(QDate(2025, 1, 14), QTime(10, 30), Qt::UTC);

HealthReport reportAt(qint64 seconds, HealthStatus status)
{
    HealthReport report;
    report.cluster = u"production"_s;
    report.status = status;
    report.reachable = true;
    report.healthy = status != HealthStatus::Unhealthy;
    report.lastChecked = kStart.addSecs(seconds);
    if (status != HealthStatus::Healthy)
        report.issues.append({u"latency"_s,
            status == HealthStatus::Degraded ? Severity::Warning : Severity::Critical, u"slow"_s,
            u"slow"_s});
    return report;
}

} // namespace

class TestHealthFlapping final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aSteadyChangeIsToldOnce()
    {
        HealthTracker tracker;
        tracker.setFlapLimits(4, 600s);
        QVERIFY(!tracker.update(reportAt(0, HealthStatus::Healthy)).statusChanged);
        const HealthTransition down = tracker.update(reportAt(5, HealthStatus::Unhealthy));
        QVERIFY(down.statusChanged);
        QVERIFY(down.healthyChanged);
        QVERIFY(!down.flapping);
        for (int i = 2; i < 20; ++i)
            QVERIFY(!tracker.update(reportAt(5 * i, HealthStatus::Unhealthy)).any());
    }

    void aFlappingClusterIsToldOnceAsFlapping()
    {
        HealthTracker tracker;
        tracker.setFlapLimits(4, 600s);
        tracker.update(reportAt(0, HealthStatus::Healthy));
        int told = 0;
        int flapping = 0;
        // Forty changes, one every 5 s: four are told as they are, the fifth as flapping, and
        // nothing after it while the flapping goes on.
        for (int i = 1; i <= 40; ++i) {
            const HealthStatus status = i % 2 ? HealthStatus::Degraded : HealthStatus::Healthy;
            const HealthTransition t = tracker.update(reportAt(5 * i, status));
            told += t.statusChanged ? 1 : 0;
            if (t.flapping) {
                ++flapping;
                QCOMPARE(t.recentChanges, 5);
                QVERIFY(t.statusChanged);
            }
        }
        QCOMPARE(told, 5);
        QCOMPARE(flapping, 1);
        QVERIFY(tracker.isFlapping());
    }

    void aFlappingClusterThatSettlesIsToldItsStateOnce()
    {
        HealthTracker tracker;
        tracker.setFlapLimits(2, 60s);
        tracker.update(reportAt(0, HealthStatus::Healthy));
        tracker.update(reportAt(5, HealthStatus::Degraded));
        tracker.update(reportAt(10, HealthStatus::Healthy));
        QVERIFY(tracker.update(reportAt(15, HealthStatus::Degraded)).flapping);
        // It settles as unhealthy: held back while it flaps, told once it has been steady for
        // the whole window, and not again after that.
        QVERIFY(!tracker.update(reportAt(20, HealthStatus::Unhealthy)).statusChanged);
        int told = 0;
        for (int s = 25; s <= 200; s += 5) {
            const HealthTransition t = tracker.update(reportAt(s, HealthStatus::Unhealthy));
            if (t.statusChanged) {
                ++told;
                QCOMPARE(t.current, HealthStatus::Unhealthy);
                QVERIFY(s >= 80); // a window after the last change, at 20 s
            }
        }
        QCOMPARE(told, 1);
        QVERIFY(!tracker.isFlapping());
    }

    void settlingWhereTheAnnouncementLeftItSaysNothing()
    {
        HealthTracker tracker;
        tracker.setFlapLimits(2, 60s);
        tracker.update(reportAt(0, HealthStatus::Healthy));
        tracker.update(reportAt(5, HealthStatus::Degraded));
        tracker.update(reportAt(10, HealthStatus::Healthy));
        QVERIFY(tracker.update(reportAt(15, HealthStatus::Degraded)).flapping);
        tracker.update(reportAt(20, HealthStatus::Healthy));
        tracker.update(reportAt(25, HealthStatus::Degraded)); // as announced
        for (int s = 30; s <= 200; s += 5)
            QVERIFY(!tracker.update(reportAt(s, HealthStatus::Degraded)).statusChanged);
    }
};

QTEST_GUILESS_MAIN(TestHealthFlapping)
#include "TestHealthFlapping.moc"
