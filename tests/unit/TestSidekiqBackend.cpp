// How a Sidekiq reading maps onto the neutral picture: system-wide sets as deployment totals,
// "cannot pause" on every queue, running jobs as active per queue, dead processes listed but
// not counted, and counters as the rate source.
#include "core/queues/sidekiq/SidekiqBackend.h"

#include <QTest>

using namespace qd;

namespace {

sidekiq::Reading reading()
{
    sidekiq::Reading r;
    r.processed = 120;
    r.failed = 20;
    r.scheduled = 3;
    r.retry = 2;
    r.dead = 5;
    r.readAt = QDateTime::fromMSecsSinceEpoch(1'765'000'100'000, Qt::UTC);
    r.queues = {{QStringLiteral("default"), 4, 1'765'000'090.5}, {QStringLiteral("empty"), 0, {}},
        {QStringLiteral("odd"), 2, {}}};
    r.queuesTotal = 3;
    sidekiq::ProcessReading live;
    live.identity = QStringLiteral("web-1:42:abc");
    live.alive = true;
    live.hostname = QStringLiteral("web-1");
    live.pid = 42;
    live.concurrency = 5;
    live.queues = {QStringLiteral("default")};
    live.busy = 2;
    live.beat = 1'765'000'097.0;
    live.quiet = true;
    live.ttlMs = 57'000;
    live.jobs = {{QStringLiteral("t1"), QStringLiteral("default"), QStringLiteral("A"),
                     QStringLiteral("j1"), 1'765'000'095.0, "{}"},
        {QStringLiteral("t2"), QStringLiteral("default"), QStringLiteral("B"), QStringLiteral("j2"),
            1'765'000'096.0, "{}"}};
    sidekiq::ProcessReading gone;
    gone.identity = QStringLiteral("web-2:7:def");
    r.processes = {live, gone};
    r.processesTotal = 2;
    r.cost = {1, 4, 175, 9000};
    return r;
}

} // namespace

class TestSidekiqBackend : public QObject {
    Q_OBJECT

private slots:
    void deploymentFigures();
    void queues();
    void processes();
    void truncatedProcessListIsIncomplete();
};

void TestSidekiqBackend::deploymentFigures()
{
    const ClusterStats s
        = SidekiqBackend::map(reading(), QStringLiteral("sk"), QStringLiteral("ns"));
    QCOMPARE(s.clusterName, QStringLiteral("sk"));
    QCOMPARE(s.system, QStringLiteral("sidekiq"));
    QCOMPARE(s.rateSource, QStringLiteral("counters"));
    QCOMPARE(s.deadLetterCount, 5);
    QCOMPARE(*s.retryCount, 2);
    QCOMPARE(*s.scheduledCount, 3);
    QCOMPARE(*s.processedTotal, 120);
    QCOMPARE(*s.failedTotal, 20);
    QCOMPARE(s.completedCount, 100); // processed counts failures too
    QCOMPARE(s.processingCount, 2);
    QCOMPARE(s.workerCount, 1);
    QCOMPARE(*s.oldestJobAgeMs, 9'500);
    QCOMPARE(s.cost.bytesReceived, 9000);
    QCOMPARE(s.polledAt, reading().readAt);
}

void TestSidekiqBackend::queues()
{
    const ClusterStats s
        = SidekiqBackend::map(reading(), QStringLiteral("sk"), QStringLiteral("ns"));
    QCOMPARE(s.queues.size(), 3);
    const QueueStat& q = s.queues[0];
    QCOMPARE(q.key, QStringLiteral("ns:queue:default"));
    QCOMPARE(q.length, 4);
    QVERIFY(!q.pausable);
    QVERIFY(!q.paused);
    QCOMPARE(*q.states.active, 2);
    // The sets are deployment-wide: no per-queue split.
    QVERIFY(!q.states.retry && !q.states.scheduled && !q.states.failed && !q.states.completed);
    QCOMPARE(*q.oldestJobAgeMs, 9'500);
    QCOMPARE(*s.queues[1].oldestJobAgeMs, 0); // empty: Sidekiq's latency is 0
    QCOMPARE(*s.queues[1].states.active, 0);
    QVERIFY(!s.queues[2].oldestJobAgeMs); // jobs without a readable enqueued_at
    QCOMPARE(SidekiqBackend::map(reading(), QStringLiteral("sk"), {}).queues[0].key,
        QStringLiteral("queue:default"));
}

void TestSidekiqBackend::processes()
{
    const ClusterStats s = SidekiqBackend::map(reading(), QStringLiteral("sk"), {});
    QCOMPARE(s.workers.size(), 2);
    const WorkerStat& w = s.workers[0];
    QVERIFY(w.live());
    QCOMPARE(*w.heartbeatTtlMs, 57'000);
    QCOMPARE(*w.heartbeatAgeMs, 3'000);
    QCOMPARE(w.host, QStringLiteral("web-1"));
    QCOMPARE(*w.pid, 42);
    QCOMPARE(*w.busy, 2);
    QCOMPARE(w.processingLength, 2);
    QCOMPARE(*w.concurrency, 5);
    QVERIFY(w.quiet);
    QVERIFY(!w.stopping);
    QCOMPARE(w.jobs.size(), 2);
    QCOMPARE(w.jobs[1].id, QStringLiteral("j2"));
    QCOMPARE(w.jobs[1].jobClass, QStringLiteral("B"));
    QCOMPARE(w.jobs[1].startedAt, QDateTime::fromSecsSinceEpoch(1'765'000'096, Qt::UTC));
    QCOMPARE(w.currentJobId, QStringLiteral("j1"));
    // An identity whose heartbeat expired stays listed (Sidekiq prunes it, QueueDeck does not)
    // and is not live.
    const WorkerStat& gone = s.workers[1];
    QVERIFY(!gone.live());
    QVERIFY(!gone.orphaned());
    QVERIFY(!gone.busy);
    QVERIFY(s.workersComplete);
}

void TestSidekiqBackend::truncatedProcessListIsIncomplete()
{
    sidekiq::Reading r = reading();
    r.processesTotal = 5000;
    QVERIFY(!SidekiqBackend::map(r, QStringLiteral("sk"), {}).workersComplete);
}

QTEST_GUILESS_MAIN(TestSidekiqBackend)
#include "TestSidekiqBackend.moc"
