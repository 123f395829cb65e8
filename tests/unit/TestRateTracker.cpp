#include "core/stats/RateTracker.h"

#include <QTest>

using namespace std::chrono_literals;
using qd::RateTracker;

class TestRateTracker final : public QObject {
    Q_OBJECT

    RateTracker::TimePoint at(int seconds)
    {
        return RateTracker::TimePoint {} + std::chrono::seconds(seconds);
    }

private Q_SLOTS:
    void unknownUntilTwoSamples()
    {
        RateTracker tracker;
        QVERIFY(!tracker.known());
        tracker.add(at(0), 100, 5);
        QVERIFY(!tracker.known());
        QCOMPARE(tracker.jobRate(), 0.0);
        tracker.add(at(5), 150, 5);
        QVERIFY(tracker.known());
        QCOMPARE(tracker.jobRate(), 10.0);
        QCOMPARE(tracker.errorRate(), 0.0);
    }

    void errorRateIsDeadLetterShareOverWindow()
    {
        RateTracker tracker(60s);
        tracker.add(at(0), 0, 0);
        tracker.add(at(10), 90, 10); // 10 of 100 finished jobs failed
        QCOMPARE(tracker.errorRate(), 0.1);
        tracker.add(at(20), 180, 10); // 10 of 190 over the window
        QCOMPARE(tracker.errorRate(), 10.0 / 190.0);
        QCOMPARE(tracker.jobRate(), 9.0);
    }

    void oldIntervalsLeaveTheWindow()
    {
        RateTracker tracker(30s);
        tracker.add(at(0), 0, 0);
        tracker.add(at(10), 0, 100); // a burst of failures
        tracker.add(at(20), 100, 100);
        tracker.add(at(50), 200, 100);
        tracker.add(at(60), 300, 100);
        QCOMPARE(tracker.errorRate(), 0.0); // the burst is older than 30 s
    }

    void shrinkIsAResetNotANegativeRate()
    {
        RateTracker tracker;
        tracker.add(at(0), 1000, 500);
        tracker.add(at(5), 10, 0); // completed trimmed, dead letters purged
        QCOMPARE(tracker.jobRate(), 0.0);
        QCOMPARE(tracker.errorRate(), 0.0);
        tracker.add(at(10), 60, 0); // growth resumes from the new base
        QCOMPARE(tracker.jobRate(), 10.0);
    }

    void sameInstantIsIgnored()
    {
        RateTracker tracker;
        tracker.add(at(5), 0, 0);
        tracker.add(at(5), 100, 0);
        QVERIFY(!tracker.known());
    }
};

QTEST_GUILESS_MAIN(TestRateTracker)
#include "TestRateTracker.moc"
