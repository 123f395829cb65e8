#include "core/stats/WorkerRoster.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using qd::ClusterStats;
using qd::WorkerRoster;
using qd::WorkerStat;

namespace {

const QDateTime kStart(QDate(2025, 1, 14), QTime(10, 30), Qt::UTC);

WorkerStat busy(const QString& id)
{
    WorkerStat worker;
    worker.id = id;
    worker.processingLength = 1;
    worker.heartbeatTtlMs = 2900;
    worker.heartbeatAgeMs = 100;
    return worker;
}

ClusterStats pollAt(qint64 ms, const QList<WorkerStat>& workers)
{
    ClusterStats stats;
    stats.clusterName = u"production"_s;
    stats.polledAt = kStart.addMSecs(ms);
    stats.workers = workers;
    for (const WorkerStat& worker : workers)
        *stats.workerCount += worker.live() ? 1 : 0;
    return stats;
}

QStringList idsOf(const ClusterStats& stats)
{
    QStringList ids;
    for (const WorkerStat& worker : stats.workers)
        ids.append(worker.id);
    return ids;
}

} // namespace

class TestWorkerRoster final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveWorkersAreStampedWithThePollTime()
    {
        WorkerRoster roster(3s);
        ClusterStats stats = pollAt(0, {busy(u"w1"_s)});
        roster.apply(stats);
        QCOMPARE(stats.workers.size(), 1);
        QCOMPARE(stats.workers.at(0).lastSeen, std::optional<QDateTime>(kStart));
        QVERIFY(!stats.workers.at(0).idle);
    }

    void aWorkerBetweenJobsStaysListedAsIdleWithinTheWindow()
    {
        WorkerRoster roster(3s);
        ClusterStats first = pollAt(0, {busy(u"w1"_s), busy(u"w3"_s)});
        roster.apply(first);
        ClusterStats second = pollAt(250, {busy(u"w3"_s)}); // w1 between two jobs
        roster.apply(second);
        QCOMPARE(idsOf(second), (QStringList {u"w1"_s, u"w3"_s})); // sorted by id
        const WorkerStat& w1 = second.workers.at(0);
        QVERIFY(w1.idle);
        QVERIFY(!w1.live());
        QCOMPARE(w1.lastSeen, std::optional<QDateTime>(kStart));
        QCOMPARE(second.workers.at(1).lastSeen, std::optional<QDateTime>(kStart.addMSecs(250)));
        QCOMPARE(second.workerCount, 1); // live heartbeats only
    }

    void aWorkerNotSeenForLongerThanTheWindowIsForgotten()
    {
        WorkerRoster roster(3s);
        ClusterStats first = pollAt(0, {busy(u"w1"_s)});
        roster.apply(first);
        ClusterStats atEdge = pollAt(3000, {});
        roster.apply(atEdge);
        QCOMPARE(idsOf(atEdge), QStringList {u"w1"_s}); // exactly the window: still recent
        ClusterStats past = pollAt(3001, {});
        roster.apply(past);
        QVERIFY(past.workers.isEmpty());
        QCOMPARE(roster.size(), 0);
    }

    void aListedWorkerWithoutHeartbeatKeepsItsLastSeenAndIsNotIdle()
    {
        WorkerRoster roster(3s);
        ClusterStats first = pollAt(0, {busy(u"w1"_s)});
        roster.apply(first);
        WorkerStat silent;
        silent.id = u"w1"_s;
        silent.processingLength = 1; // took a job, heartbeat not yet written (or dead)
        ClusterStats second = pollAt(250, {silent});
        roster.apply(second);
        QCOMPARE(second.workers.size(), 1);
        QVERIFY(!second.workers.at(0).idle);
        QCOMPARE(second.workers.at(0).lastSeen, std::optional<QDateTime>(kStart));
        QVERIFY(second.workers.at(0).orphaned());
    }

    void aWorkerNeverSeenAliveHasNoLastSeen()
    {
        WorkerRoster roster(3s);
        WorkerStat silent;
        silent.id = u"w9"_s;
        silent.processingLength = 2;
        ClusterStats stats = pollAt(0, {silent});
        roster.apply(stats);
        QVERIFY(!stats.workers.at(0).lastSeen);
    }
};

QTEST_GUILESS_MAIN(TestWorkerRoster)
#include "TestWorkerRoster.moc"
