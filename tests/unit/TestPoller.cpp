#include "core/errors/Errors.h"
#include "core/stats/Poller.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace std::chrono_literals;
using namespace qd;

namespace {

// A cluster whose poll takes a set time and counts how many polls overlap.
class FakeTarget final : public PollTarget {
public:
    explicit FakeTarget(QString name, std::chrono::milliseconds duration = 0ms, bool fail = false)
        : m_duration(duration), m_name(std::move(name)), m_fail(fail)
    {
    }
    ClusterStats poll() override
    {
        const int now = ++m_inFlight;
        m_maxInFlight = std::max(m_maxInFlight.load(), now);
        ++m_polls;
        std::this_thread::sleep_for(m_duration.load());
        --m_inFlight;
        if (m_fail)
            throw ClusterError(ClusterError::Kind::NoData, m_name, QStringLiteral("boom"));
        ClusterStats stats;
        stats.clusterName = m_name;
        return stats;
    }
    std::atomic<int> m_polls = 0;
    std::atomic<int> m_inFlight = 0;
    std::atomic<int> m_maxInFlight = 0;
    std::atomic<std::chrono::milliseconds> m_duration;

private:
    QString m_name;
    bool m_fail;
};

PollingConfig polling(
    std::chrono::milliseconds interval, std::chrono::milliseconds timeout, bool enabled = true)
{
    return PollingConfig {interval, 0ms, timeout, enabled};
}

} // namespace

class TestPoller final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pollsEveryIntervalNeverOverlapping()
    {
        Poller poller(Clock::system(), polling(50ms, 45ms));
        auto target
            = std::make_shared<FakeTarget>(QStringLiteral("a"), 80ms); // slower than the interval
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(QStringLiteral("a"), target);
        QTRY_VERIFY_WITH_TIMEOUT(target->m_polls >= 4, 5000);
        QCOMPARE(target->m_maxInFlight.load(), 1);
        poller.removeCluster(QStringLiteral("a"));
        poller.waitForIdle();
    }

    void timeoutIsReportedAndLateResultDropped()
    {
        // No scheduled poll within the test: only the refresh below starts a second one.
        Poller poller(Clock::system(), polling(60s, 100ms));
        auto target = std::make_shared<FakeTarget>(QStringLiteral("slow"), 1500ms);
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(QStringLiteral("slow"), target);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
        const auto result = finished.at(0).at(0).value<PollResult>();
        QCOMPARE(result.sequence, quint64(1));
        QVERIFY(result.failure.has_value());
        QCOMPARE(result.failure->kind, QStringLiteral("timeout"));
        QVERIFY(result.failure->at.isValid());
        QVERIFY(!result.stats.has_value());
        QVERIFY(poller.isInFlight(QStringLiteral("slow"))); // still running: no second poll
        // Asked for now, the next poll waits for the late one to return; it answers at once.
        target->m_duration = 0ms;
        poller.refresh(QStringLiteral("slow"));
        QCOMPARE(target->m_polls.load(), 1);

        // The second poll's stats come through, and nothing else: the first poll's stats,
        // arriving after its timeout was reported, never do.
        const auto statsCame = [&finished] {
            return std::any_of(finished.cbegin(), finished.cend(), [](const QList<QVariant>& args) {
                return args.at(0).value<PollResult>().stats.has_value();
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(statsCame(), 5000);
        poller.removeCluster(QStringLiteral("slow"));
        poller.waitForIdle();
        QCOMPARE(finished.count(), 2);
        const auto second = finished.at(1).at(0).value<PollResult>();
        QCOMPARE(second.sequence, quint64(2));
        QVERIFY(second.stats.has_value());
        QVERIFY(!second.failure.has_value());
        QCOMPARE(target->m_polls.load(), 2);
        QCOMPARE(target->m_maxInFlight.load(), 1);
    }

    void slowClusterDoesNotDelayOthers()
    {
        Poller poller(Clock::system(), polling(100ms, 90ms));
        auto slow = std::make_shared<FakeTarget>(QStringLiteral("slow"), 2000ms);
        auto fast = std::make_shared<FakeTarget>(QStringLiteral("fast"));
        poller.addCluster(QStringLiteral("slow"), slow);
        poller.addCluster(QStringLiteral("fast"), fast);
        QTRY_VERIFY_WITH_TIMEOUT(fast->m_polls >= 8, 3000);
        QCOMPARE(slow->m_polls.load(), 1);
        slow->m_duration = 0ms;
        poller.removeCluster(QStringLiteral("slow"));
        poller.removeCluster(QStringLiteral("fast"));
        poller.waitForIdle();
    }

    void refreshMovesTheNextStartInsteadOfAddingOne()
    {
        // The start the first poll scheduled is superseded by a refresh: from then on the
        // cluster is polled an interval after the refresh, never also at the old time.
        Poller poller(Clock::system(), polling(600ms, 500ms));
        auto target = std::make_shared<FakeTarget>(QStringLiteral("a"));
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(QStringLiteral("a"), target);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
        QTest::qWait(300);
        QElapsedTimer sinceRefresh;
        sinceRefresh.start();
        poller.refresh(QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 2000);
        // The superseded start was due about 300 ms after the refresh; the new one is due 600 ms
        // after it. 450 ms after the refresh only the two polls may have run. (Timers fire late
        // on a loaded machine, never early; past 580 ms the check would say nothing.)
        QTest::qWait(int(std::max<qint64>(0, 450 - sinceRefresh.elapsed())));
        if (sinceRefresh.elapsed() < 580)
            QCOMPARE(target->m_polls.load(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(target->m_polls.load(), 3, 2000);
        poller.removeCluster(QStringLiteral("a"));
        poller.waitForIdle();
    }

    void removedClusterIsNeitherPolledNorTimedOut()
    {
        // Its scheduled start and the watchdog of its poll in flight come due after it went:
        // neither may start a poll or report anything.
        Poller poller(Clock::system(), polling(100ms, 150ms));
        auto slow = std::make_shared<FakeTarget>(QStringLiteral("gone"), 300ms);
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(QStringLiteral("gone"), slow);
        QTRY_COMPARE_WITH_TIMEOUT(slow->m_polls.load(), 1, 2000);
        poller.removeCluster(QStringLiteral("gone"));
        QTest::qWait(500);
        poller.waitForIdle();
        QCOMPARE(slow->m_polls.load(), 1);
        QCOMPARE(finished.count(), 0);
    }

    void startsDueTogetherShareOneWakeUp()
    {
        // Ten clusters added at once are due 2 ms apart (0, 2, ... 18 ms). The first starts at
        // once; the wake-up at 2 ms (or later, on a loaded machine) starts the other nine
        // together, since each is due within the coalescing window. A start marks its
        // wake-up with an event posted to the same loop: starts in the same wake-up run
        // before that event does, and share its mark.
        Poller poller(Clock::system(), polling(1000ms, 500ms));
        int wakeUps = 0;
        bool markPending = false;
        int started = 0;
        connect(&poller, &Poller::pollStarted, &poller, [&](const QString&) {
            ++started;
            if (markPending)
                return;
            markPending = true;
            ++wakeUps;
            QMetaObject::invokeMethod(
                &poller, [&] { markPending = false; }, Qt::QueuedConnection);
        });
        for (int i = 0; i < 10; ++i) {
            const QString name = QStringLiteral("c%1").arg(i);
            poller.addCluster(name, std::make_shared<FakeTarget>(name));
        }
        QTRY_COMPARE_WITH_TIMEOUT(started, 10, 2000);
        // Taking only what is already due at each wake-up gave 3 here.
        QCOMPARE(wakeUps, 2);
        for (int i = 0; i < 10; ++i)
            poller.removeCluster(QStringLiteral("c%1").arg(i));
        poller.waitForIdle();
    }

    void manyClustersEachKeepTheirInterval()
    {
        // One timer serves every cluster: each is still polled about once per interval, none
        // twice at once, none left behind.
        constexpr int kClusters = 300;
        Poller poller(Clock::system(), polling(200ms, 150ms));
        QList<std::shared_ptr<FakeTarget>> targets;
        for (int i = 0; i < kClusters; ++i) {
            const QString name = QStringLiteral("c%1").arg(i);
            targets.append(std::make_shared<FakeTarget>(name));
            poller.addCluster(name, targets.constLast());
        }
        QTest::qWait(2000);
        for (const auto& target : std::as_const(targets))
            QCOMPARE(target->m_maxInFlight.load(), 1);
        const auto [least, most] = std::minmax_element(targets.cbegin(), targets.cend(),
            [](const auto& a, const auto& b) { return a->m_polls < b->m_polls; });
        // 2 s at 200 ms is 10 polls; the first ones start 2 ms apart, so the last cluster
        // starts 0.6 s late. Generous bounds: a loaded machine fires timers late, never early.
        QVERIFY2((*least)->m_polls >= 3,
            qPrintable(
                QStringLiteral("a cluster was polled only %1 times").arg((*least)->m_polls)));
        QVERIFY2((*most)->m_polls <= 11,
            qPrintable(QStringLiteral("a cluster was polled %1 times").arg((*most)->m_polls)));
        for (int i = 0; i < kClusters; ++i)
            poller.removeCluster(QStringLiteral("c%1").arg(i));
        poller.waitForIdle();
    }

    void failuresAreDescribed()
    {
        Poller poller(Clock::system(), polling(1000ms, 500ms));
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(
            QStringLiteral("bad"), std::make_shared<FakeTarget>(QStringLiteral("bad"), 0ms, true));
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<PollResult>();
        QVERIFY(result.failure);
        QCOMPARE(result.failure->message, QStringLiteral("boom"));
        QCOMPARE(result.failure->severity, Severity::Warning);
    }

    void disabledPollingOnlyPollsOnRefresh()
    {
        Poller poller(Clock::system(), polling(20ms, 10ms, false));
        auto target = std::make_shared<FakeTarget>(QStringLiteral("a"));
        QSignalSpy finished(&poller, &Poller::pollFinished);
        poller.addCluster(QStringLiteral("a"), target);
        QTest::qWait(100);
        QCOMPARE(target->m_polls.load(), 0);
        poller.refresh(QStringLiteral("a"));
        QTRY_COMPARE(finished.count(), 1);
        QTest::qWait(100);
        QCOMPARE(target->m_polls.load(), 1);
        PollingConfig enabled = poller.config();
        enabled.enabled = true;
        poller.setConfig(enabled);
        QTRY_VERIFY(target->m_polls >= 3);
        poller.removeCluster(QStringLiteral("a"));
        poller.waitForIdle();
    }
};

QTEST_GUILESS_MAIN(TestPoller)
#include "TestPoller.moc"
