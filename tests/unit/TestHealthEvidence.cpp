#include "core/health/HealthEvidence.h"
#include "core/health/HealthMonitor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;

namespace {

const QDateTime kStart(QDate(2025, 1, 14), QTime(10, 30), Qt::UTC);
constexpr qint64 kTtlMs = 3000;

WorkerStat live(const QString& id, qint64 remainingMs = 2900)
{
    WorkerStat worker;
    worker.id = id;
    worker.processingLength = 1;
    worker.heartbeatTtlMs = remainingMs;
    worker.heartbeatAgeMs = kTtlMs - remainingMs;
    return worker;
}

WorkerStat silent(const QString& id, qint64 jobs = 1)
{
    WorkerStat worker;
    worker.id = id;
    worker.processingLength = jobs;
    return worker;
}

// One cluster's polls fed in order to one HealthEvidence, as the engine feeds them.
class Feed final {
public:
    explicit Feed(HealthConfig config = {}) : m_monitor(config) { }

    // A poll at `ms` after the start; queued work in "high", completed count as given.
    HealthReport poll(qint64 ms, const QList<WorkerStat>& workers, qint64 queued = 10,
        qint64 completed = 0, double latencyMs = 1)
    {
        ClusterStats stats;
        stats.clusterName = u"production"_s;
        stats.polledAt = kStart.addMSecs(ms);
        stats.queues = {{u"high"_s, u"jobqueue:high"_s, queued, false}};
        stats.workers = workers;
        stats.workersComplete = true;
        stats.completedCount = completed;
        stats.latencyMs = latencyMs;
        for (const WorkerStat& worker : workers) {
            *stats.workerCount += worker.live() ? 1 : 0;
            stats.processingCount += worker.processingLength;
        }
        const HealthReport report
            = m_evidence.judge(m_monitor, u"production"_s, &stats, std::nullopt, m_earlier, kTtlMs);
        m_earlier.append(stats);
        m_latest = stats;
        return report;
    }
    HealthReport fail(qint64 ms)
    {
        PollFailure failure {
            u"connection refused"_s, Severity::Warning, kStart.addMSecs(ms), u"refused"_s};
        return m_evidence.judge(
            m_monitor, u"production"_s, &m_latest, failure, m_earlier.mid(0, 0), kTtlMs);
    }

private:
    HealthMonitor m_monitor;
    HealthEvidence m_evidence;
    QList<ClusterStats> m_earlier;
    ClusterStats m_latest;
};

} // namespace

class TestHealthEvidence final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aConditionIsReportedOnlyAfterItsForTime()
    {
        Feed feed; // latency: for 5s, recover 2s
        for (qint64 ms = 0; ms < 5000; ms += 1000) {
            const HealthReport report = feed.poll(ms, {live(u"w1"_s)}, 10, ms, 250);
            QVERIFY2(!report.hasIssue(healthrule::Latency), qPrintable(QString::number(ms)));
            QCOMPARE(report.status, HealthStatus::Healthy);
        }
        const HealthReport fired = feed.poll(5000, {live(u"w1"_s)}, 10, 5000, 250);
        QVERIFY(fired.hasIssue(healthrule::Latency));
        QCOMPARE(fired.status, HealthStatus::Degraded);
    }

    void aBrokenRunStartsTheForTimeAgain()
    {
        Feed feed;
        feed.poll(0, {live(u"w1"_s)}, 10, 0, 250);
        feed.poll(3000, {live(u"w1"_s)}, 10, 1, 250);
        feed.poll(4000, {live(u"w1"_s)}, 10, 2, 5); // fine for one poll
        QVERIFY(!feed.poll(6000, {live(u"w1"_s)}, 10, 3, 250).hasIssue(healthrule::Latency));
        QVERIFY(!feed.poll(10000, {live(u"w1"_s)}, 10, 4, 250).hasIssue(healthrule::Latency));
        QVERIFY(feed.poll(11000, {live(u"w1"_s)}, 10, 5, 250).hasIssue(healthrule::Latency));
    }

    void aReportedConditionRecoversAfterItsHysteresis()
    {
        Feed feed;
        for (qint64 ms = 0; ms <= 5000; ms += 1000)
            feed.poll(ms, {live(u"w1"_s)}, 10, ms, 250);
        QVERIFY(feed.poll(6000, {live(u"w1"_s)}, 10, 6000, 5).hasIssue(healthrule::Latency));
        QVERIFY(feed.poll(7000, {live(u"w1"_s)}, 10, 7000, 5).hasIssue(healthrule::Latency));
        const HealthReport recovered = feed.poll(8000, {live(u"w1"_s)}, 10, 8000, 5);
        QVERIFY(!recovered.hasIssue(healthrule::Latency));
        QCOMPARE(recovered.status, HealthStatus::Healthy);
    }

    void workersBetweenJobsAreNotMissing()
    {
        Feed feed;
        feed.poll(0, {live(u"w1"_s)});
        // Queued work and no heartbeat in any later poll; w1 was seen a moment ago (the roster
        // lists it idle with lastSeen) and the queues are not draining: still healthy.
        WorkerStat idle;
        idle.id = u"w1"_s;
        idle.idle = true;
        idle.lastSeen = kStart;
        for (qint64 ms = 250; ms <= 5000; ms += 250) {
            const HealthReport report = feed.poll(ms, {idle}, 10, 0);
            QVERIFY2(report.status == HealthStatus::Healthy, qPrintable(report.summary()));
        }
    }

    void drainingQueuesAreNotWithoutWorkers()
    {
        Feed feed;
        // No worker is ever seen (jobs too short for any poll to catch a heartbeat), but the
        // completed list grows: somebody works.
        for (qint64 ms = 0; ms <= 10000; ms += 250) {
            const HealthReport report = feed.poll(ms, {}, 10, ms);
            QVERIFY2(
                ms == 0 || report.status == HealthStatus::Healthy, qPrintable(report.summary()));
        }
    }

    void noWorkerAtAllIsCriticalAfterItsForTime()
    {
        Feed feed; // no_live_workers: for 2s
        for (qint64 ms = 0; ms < 2000; ms += 250)
            QVERIFY(!feed.poll(ms, {}, 10 + ms, 0).hasIssue(healthrule::NoLiveWorkers));
        const HealthReport report = feed.poll(2000, {}, 2010, 0);
        QVERIFY(report.hasIssue(healthrule::NoLiveWorkers));
        QCOMPARE(report.issue(healthrule::NoLiveWorkers)->severity, Severity::Critical);
        QCOMPARE(report.issue(healthrule::NoLiveWorkers)->message,
            u"2010 jobs are queued but no worker is alive to take them"_s);
        QVERIFY(!report.healthy);
    }

    void aHeartbeatDeletedEarlyIsATakeInProgress()
    {
        Feed feed;
        feed.poll(0, {live(u"w1"_s, 2900)}, 10, 0);
        // Done with a job (heartbeat deleted), the next one taken, its heartbeat late, caught by
        // poll after poll (a starved thread): nothing a healthy worker could not show, until
        // the heartbeat TTL has passed without one.
        for (qint64 ms = 250; ms < 250 + kTtlMs; ms += 250) {
            const HealthReport report = feed.poll(ms, {silent(u"w1"_s)}, 10, ms);
            QVERIFY2(
                !report.hasIssue(healthrule::OrphanedProcessing), qPrintable(QString::number(ms)));
        }
    }

    void aWorkerThatDiesHoldingAJobIsReportedWithinTtlAndTwoPolls()
    {
        Feed feed;
        // Dies at 100 ms, its heartbeat last written then: it runs out at 3100 ms.
        feed.poll(0, {live(u"w1"_s, 3000 - 0)}, 10, 0);
        feed.poll(250, {live(u"w1"_s, 2850)}, 10, 0);
        qint64 reportedAt = -1;
        for (qint64 ms = 500; ms <= 5000 && reportedAt < 0; ms += 250) {
            const bool expired = ms >= 3100;
            const WorkerStat worker = expired ? silent(u"w1"_s) : live(u"w1"_s, 3100 - ms);
            if (feed.poll(ms, {worker}, 10, 0).hasIssue(healthrule::OrphanedProcessing))
                reportedAt = ms;
        }
        QCOMPARE(reportedAt, 3500); // seen at 3250 and 3500: TTL + 2 polls after the death
    }

    void jobsNoHeartbeatWasEverSeenForAreOrphanedAfterTheTtl()
    {
        Feed feed; // a healthy worker marks itself within milliseconds of a take; 3 s is long
        for (qint64 ms = 0; ms < kTtlMs; ms += 250)
            QVERIFY(!feed.poll(ms, {silent(u"w9"_s)}).hasIssue(healthrule::OrphanedProcessing));
        const HealthReport report = feed.poll(kTtlMs, {silent(u"w9"_s)});
        QVERIFY(report.hasIssue(healthrule::OrphanedProcessing));
        QCOMPARE(report.issue(healthrule::OrphanedProcessing)->message,
            u"1 job sits in the processing list of 1 worker without a heartbeat: w9"_s);
    }

    void anExpiredHeartbeatNeedsTwoPollsAndTheForTime()
    {
        HealthConfig config;
        config.orphanedProcessing.forDuration = Millis(400);
        Feed feed(config);
        feed.poll(0, {live(u"w1"_s, 200)}); // runs out at 200 ms
        QVERIFY(!feed.poll(250, {silent(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
        QVERIFY(!feed.poll(500, {silent(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
        QVERIFY(feed.poll(650, {silent(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
    }

    void oneSnapshotInTheGapIsNotAnOrphan()
    {
        Feed feed;
        QVERIFY(!feed.poll(0, {silent(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
        QVERIFY(!feed.poll(250, {live(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
        QVERIFY(!feed.poll(500, {silent(u"w1"_s)}).hasIssue(healthrule::OrphanedProcessing));
    }

    void anOrphanPastTheHeartbeatTtlIsNamedWithItsAge()
    {
        Feed feed;
        feed.poll(0, {silent(u"w1"_s, 2), silent(u"w2"_s)});
        HealthReport report;
        for (qint64 ms = 250; ms <= 8000; ms += 250)
            report = feed.poll(ms, {silent(u"w1"_s, 2), silent(u"w2"_s)});
        const QString message = report.issue(healthrule::OrphanedProcessing)->message;
        QVERIFY2(
            message.startsWith(
                u"3 jobs sit in the processing lists of 2 workers without a heartbeat: w1, w2"_s),
            qPrintable(message));
        QVERIFY2(message.contains(u"w1 has held its jobs for 8 s, past the heartbeat TTL of 3 s"_s),
            qPrintable(message));
    }

    void anOutageIsReportedAndEndsAtOnce()
    {
        Feed feed;
        feed.poll(0, {live(u"w1"_s)});
        const HealthReport down = feed.fail(250);
        QVERIFY(down.hasIssue(healthrule::Unreachable));
        QCOMPARE(down.status, HealthStatus::Unhealthy);
        const HealthReport up = feed.poll(500, {live(u"w1"_s)}, 10, 1);
        QCOMPARE(up.status, HealthStatus::Healthy);
        QVERIFY(up.reachable);
    }
};

QTEST_GUILESS_MAIN(TestHealthEvidence)
#include "TestHealthEvidence.moc"
