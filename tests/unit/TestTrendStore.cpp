#include "core/compare/AnomalyDetector.h"
#include "core/engine/ClusterRuntime.h"
#include "core/health/HealthMonitor.h"
#include "core/stats/StatsCache.h"
#include "core/stats/TrendStore.h"
#include "core/util/Clock.h"

#include <QTest>

#include <algorithm>
#include <limits>

using namespace std::chrono_literals;
using namespace qd;

namespace {
QueueStat queueStat(const QString& name, const QString& key, qint64 length)
{
    QueueStat queue;
    queue.name = name;
    queue.key = key;
    queue.length = length;
    return queue;
}

ClusterStats statsAt(const QString& cluster, qint64 atMs, qint64 queued)
{
    ClusterStats s;
    s.clusterName = cluster;
    s.queues
        = {queueStat(QStringLiteral("high"), QStringLiteral("jobqueue:high_priority"), queued)};
    s.deadLetterCount = queued / 10;
    s.polledAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    return s;
}

// A poll at `atMs` holding exactly the queues named, each `length` long.
ClusterStats withQueues(qint64 atMs, const QStringList& names, qint64 length)
{
    ClusterStats s;
    s.clusterName = QStringLiteral("prod");
    for (const QString& name : names)
        s.queues.append(queueStat(name, QStringLiteral("jobqueue:") + name, length));
    s.polledAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    return s;
}

QList<qint64> timesOf(const QList<TrendSample>& series)
{
    QList<qint64> times;
    for (const TrendSample& sample : series)
        times.append(sample.atMs);
    return times;
}

QList<double> valuesOf(const QList<TrendSample>& series)
{
    QList<double> values;
    for (const TrendSample& sample : series)
        values.append(sample.value);
    return values;
}

bool hasIssue(const HealthReport& report, QStringView id)
{
    return std::any_of(report.issues.cbegin(), report.issues.cend(),
        [id](const HealthIssue& issue) { return issue.rule == id; });
}
} // namespace

class TestTrendStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheNewestSamplesInOrder()
    {
        TrendStore store(3);
        for (int i = 1; i <= 5; ++i)
            store.record(statsAt(QStringLiteral("prod"), i * 1000, i * 10));
        const auto series = store.series(QStringLiteral("prod"), QStringLiteral("queue_size"));
        QCOMPARE(series.size(), 3);
        QCOMPARE(series[0], (TrendSample {3000, 30}));
        QCOMPARE(series[2], (TrendSample {5000, 50}));
        QCOMPARE(store.series(QStringLiteral("prod"), QStringLiteral("queue_size:high")).size(), 3);
        QCOMPARE(store.series(QStringLiteral("prod"), QStringLiteral("dead_letter_count"))[2].value,
            5.0);
    }

    void filtersBySinceAndSeparatesClusters()
    {
        TrendStore store(10);
        for (int i = 1; i <= 4; ++i) {
            store.record(statsAt(QStringLiteral("a"), i * 1000, i));
            store.record(statsAt(QStringLiteral("b"), i * 1000, 100 * i));
        }
        QCOMPARE(store.series(QStringLiteral("a"), QStringLiteral("queue_size"), 3000).size(), 2);
        QCOMPARE(store.series(QStringLiteral("b"), QStringLiteral("queue_size"))[0].value, 100.0);
        QVERIFY(store.series(QStringLiteral("c"), QStringLiteral("queue_size")).isEmpty());
        QVERIFY(store.metrics(QStringLiteral("a")).contains(QStringLiteral("latency_ms")));
        store.removeCluster(QStringLiteral("a"));
        QVERIFY(store.series(QStringLiteral("a"), QStringLiteral("queue_size")).isEmpty());
    }

    void shrinkingCapacityKeepsNewest()
    {
        TrendStore store(10);
        for (int i = 1; i <= 6; ++i)
            store.record(statsAt(QStringLiteral("a"), i * 1000, i));
        store.setCapacity(2);
        const auto series = store.series(QStringLiteral("a"), QStringLiteral("queue_size"));
        QCOMPARE(series.size(), 2);
        QCOMPARE(series[0].value, 5.0);
        store.record(statsAt(QStringLiteral("a"), 7000, 7));
        QCOMPARE(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))[1].value, 7.0);
    }

    void queuesAppearingAndVanishingStayAligned()
    {
        TrendStore store(100);
        const QString a = QStringLiteral("a");
        const QString b = QStringLiteral("b");
        store.record(withQueues(1000, {a}, 1));
        store.record(withQueues(2000, {a}, 2));
        store.record(withQueues(3000, {a, b}, 3)); // b configured late
        store.record(withQueues(4000, {b}, 4)); // a removed
        store.record(withQueues(5000, {a, b}, 5)); // a back
        const auto seriesA = store.series(QStringLiteral("prod"), TrendStore::queueMetric(a));
        QCOMPARE(timesOf(seriesA), (QList<qint64> {1000, 2000, 3000, 5000}));
        QCOMPARE(valuesOf(seriesA), (QList<double> {1, 2, 3, 5}));
        const auto seriesB = store.series(QStringLiteral("prod"), TrendStore::queueMetric(b));
        QCOMPARE(timesOf(seriesB), (QList<qint64> {3000, 4000, 5000}));
        QCOMPARE(valuesOf(seriesB), (QList<double> {3, 4, 5}));
        // Standard metrics are in every poll: the timestamps are shared, one per poll.
        const auto total = store.series(QStringLiteral("prod"), QStringLiteral("queue_size"));
        QCOMPARE(timesOf(total), (QList<qint64> {1000, 2000, 3000, 4000, 5000}));
        QCOMPARE(valuesOf(total), (QList<double> {1, 2, 6, 4, 10}));
        QCOMPARE(store.recordedPolls(QStringLiteral("prod")), 5);
    }

    void aVanishedQueueIsDroppedOnceItsLastSampleLeaves()
    {
        TrendStore store(3);
        const QString gone = TrendStore::queueMetric(QStringLiteral("gone"));
        store.record(withQueues(1000, {QStringLiteral("gone"), QStringLiteral("kept")}, 1));
        store.record(withQueues(2000, {QStringLiteral("kept")}, 2));
        store.record(withQueues(3000, {QStringLiteral("kept")}, 3));
        QVERIFY(store.metrics(QStringLiteral("prod")).contains(gone));
        QCOMPARE(valuesOf(store.series(QStringLiteral("prod"), gone)), (QList<double> {1}));
        store.record(withQueues(4000, {QStringLiteral("kept")}, 4)); // overwrites poll 1
        QVERIFY(!store.metrics(QStringLiteral("prod")).contains(gone));
        QVERIFY(store.series(QStringLiteral("prod"), gone).isEmpty());
        QVERIFY(store.metrics(QStringLiteral("prod"))
                    .contains(TrendStore::queueMetric(QStringLiteral("kept"))));
    }

    void wrapsAroundManyTimesInOrder()
    {
        TrendStore store(4);
        for (int i = 1; i <= 23; ++i) {
            // The queue is missing from every third poll: gaps must wrap with the data.
            const QStringList queues
                = i % 3 == 0 ? QStringList() : QStringList {QStringLiteral("q")};
            store.record(withQueues(i * 1000, queues, i));
        }
        const auto total = store.series(QStringLiteral("prod"), QStringLiteral("queue_size"));
        QCOMPARE(timesOf(total), (QList<qint64> {20000, 21000, 22000, 23000}));
        QCOMPARE(valuesOf(total), (QList<double> {20, 0, 22, 23}));
        const auto queue
            = store.series(QStringLiteral("prod"), TrendStore::queueMetric(QStringLiteral("q")));
        QCOMPARE(timesOf(queue), (QList<qint64> {20000, 22000, 23000}));
        QCOMPARE(store.recordedPolls(QStringLiteral("prod")), 4);
        QCOMPARE(store.allocatedPolls(QStringLiteral("prod")), 4);
    }

    void capacityShrinksAndGrowsAfterWrapping()
    {
        TrendStore store(4);
        for (int i = 1; i <= 6; ++i) // wrapped: the oldest slot is no longer the first
            store.record(statsAt(QStringLiteral("a"), i * 1000, i));
        store.setCapacity(6);
        QCOMPARE(store.capacity(), 6);
        QCOMPARE(valuesOf(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))),
            (QList<double> {3, 4, 5, 6}));
        for (int i = 7; i <= 9; ++i)
            store.record(statsAt(QStringLiteral("a"), i * 1000, i));
        QCOMPARE(valuesOf(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))),
            (QList<double> {4, 5, 6, 7, 8, 9}));
        QCOMPARE(timesOf(store.series(QStringLiteral("a"), QStringLiteral("dead_letter_count"))),
            (QList<qint64> {4000, 5000, 6000, 7000, 8000, 9000}));

        store.setCapacity(3); // shrinking a wrapped ring keeps the newest, in order
        QCOMPARE(valuesOf(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))),
            (QList<double> {7, 8, 9}));
        QCOMPARE(store.allocatedPolls(QStringLiteral("a")), 3); // the memory is given back
        store.record(statsAt(QStringLiteral("a"), 10000, 10));
        QCOMPARE(valuesOf(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))),
            (QList<double> {8, 9, 10}));
        store.setCapacity(1); // below the floor of two samples
        QCOMPARE(store.capacity(), 2);
        QCOMPARE(valuesOf(store.series(QStringLiteral("a"), QStringLiteral("queue_size"))),
            (QList<double> {9, 10}));
    }

    void sinceFiltersInclusivelyAcrossGaps()
    {
        TrendStore store(5);
        for (int i = 1; i <= 8; ++i) {
            const QStringList queues = i == 6 ? QStringList() : QStringList {QStringLiteral("q")};
            store.record(withQueues(i * 1000, queues, i));
        }
        const QString q = TrendStore::queueMetric(QStringLiteral("q"));
        QCOMPARE(timesOf(store.series(QStringLiteral("prod"), q, 5000)),
            (QList<qint64> {5000, 7000, 8000}));
        QCOMPARE(
            timesOf(store.series(QStringLiteral("prod"), q, 5001)), (QList<qint64> {7000, 8000}));
        QCOMPARE(timesOf(store.series(QStringLiteral("prod"), q, 0)),
            (QList<qint64> {4000, 5000, 7000, 8000}));
        QVERIFY(store.series(QStringLiteral("prod"), q, 8001).isEmpty());
        QVERIFY(store.series(QStringLiteral("prod"), QStringLiteral("nope")).isEmpty());
    }

    void storageGrowsWithThePollsNotTheCapacity()
    {
        TrendStore store(3600); // one hour at 1 s
        QCOMPARE(store.allocatedBytes(), 0);
        QStringList queues;
        for (int i = 0; i < 100; ++i)
            queues.append(QStringLiteral("q%1").arg(i));
        store.record(withQueues(1000, queues, 1));
        const qsizetype first = store.allocatedPolls(QStringLiteral("prod"));
        QVERIFY2(first >= 1 && first <= 16, qPrintable(QString::number(first)));
        // 107 series: a full hour would take 3600 x (8 + 107 x 4) bytes; one poll far less.
        const qint64 perPoll = qint64(sizeof(qint64)) + 107 * qint64(sizeof(float));
        QCOMPARE(store.allocatedBytes(), first * perPoll);
        for (int i = 2; i <= 100; ++i)
            store.record(withQueues(i * 1000, queues, i));
        const qsizetype hundred = store.allocatedPolls(QStringLiteral("prod"));
        QVERIFY2(hundred >= 100 && hundred <= 200, qPrintable(QString::number(hundred)));
        QCOMPARE(store.allocatedBytes(), hundred * perPoll);
        QVERIFY(store.allocatedBytes() < 3600 * perPoll / 10);

        // Growth stops at the capacity exactly, however many polls come.
        TrendStore small(50);
        for (int i = 1; i <= 500; ++i)
            small.record(withQueues(i * 1000, {QStringLiteral("q")}, i));
        QCOMPARE(small.allocatedPolls(QStringLiteral("prod")), 50);
        QCOMPARE(small.recordedPolls(QStringLiteral("prod")), 50);
        small.removeCluster(QStringLiteral("prod"));
        QCOMPARE(small.allocatedBytes(), 0);
    }

    void valuesReadBackAsRecorded()
    {
        TrendStore store(10);
        ClusterStats s = statsAt(QStringLiteral("a"), 1000, 16'000'000);
        s.errorRate = 0.1;
        s.jobRate = 12.345;
        s.latencyMs = std::numeric_limits<double>::quiet_NaN(); // not a figure: not recorded
        store.record(s);
        QCOMPARE(store.series(QStringLiteral("a"), QStringLiteral("error_rate"))[0].value, 0.1);
        QCOMPARE(store.series(QStringLiteral("a"), QStringLiteral("job_rate"))[0].value, 12.345);
        QCOMPARE(
            store.series(QStringLiteral("a"), QStringLiteral("queue_size"))[0].value, 16'000'000.0);
        QVERIFY(store.series(QStringLiteral("a"), QStringLiteral("latency_ms")).isEmpty());
    }

    void cacheKeepsWhatItsReadersNeed()
    {
        HealthConfig health;
        health.deadLetterGrowthPolls = 3;
        const AnomalyThresholds anomalies;
        health.backlogGrowthPolls = 2;
        QCOMPARE(ClusterRuntime::earlierPolls(health, anomalies), anomalies.baselinePolls);
        // The longest streak rule sets the depth: exactly 20 earlier polls.
        health.backlogGrowthPolls = 20;
        const qsizetype kept = ClusterRuntime::earlierPolls(health, anomalies);
        QCOMPARE(kept, 20);

        ManualClock clock;
        StatsCache cache(clock, 2s);
        const QString prod = QStringLiteral("prod");
        for (int i = 1; i <= 30; ++i) {
            ClusterStats s = statsAt(prod, i * 1000, i * 10); // growing
            s.workerCount = 200;
            for (int w = 0; w < 200; ++w) {
                WorkerStat& worker = s.workers.emplace_back();
                worker.id = QStringLiteral("worker-%1").arg(w);
                worker.processingLength = 1;
                worker.heartbeatTtlMs = 5000;
                worker.heartbeatAgeMs = 1000;
            }
            s.workersComplete = true;
            cache.put(s, kept);
        }
        // One copy of each poll: the newest is not among the earlier ones.
        const ClusterStats* latest = cache.latest(prod);
        QVERIFY(latest != nullptr);
        QCOMPARE(latest->polledAt.toMSecsSinceEpoch(), 30'000);
        const QList<ClusterStats> earlier = cache.earlier(prod);
        QCOMPARE(earlier.size(), kept);
        QCOMPARE(earlier.constLast().polledAt.toMSecsSinceEpoch(), 29'000);
        QCOMPARE(earlier.constFirst().polledAt.toMSecsSinceEpoch(), (30 - kept) * 1000);
        for (const ClusterStats& poll : earlier) {
            QVERIFY(poll.workers.isEmpty());
            QCOMPARE(poll.workerCount, 200);
            QVERIFY(poll.workersComplete);
        }
        QCOMPARE(latest->workers.size(), 200); // the current poll keeps its detail
        for (qsizetype i = 1; i < earlier.size(); ++i) // consecutive, oldest first
            QCOMPARE(earlier.at(i - 1).polledAt.msecsTo(earlier.at(i).polledAt), 1000);
        // A ring in place: the list never holds more slots than polls kept.
        QVERIFY2(earlier.capacity() <= kept, qPrintable(QString::number(earlier.capacity())));

        // The trimmed history still carries the longest streak the rules look for.
        const HealthReport report
            = HealthMonitor(health).evaluate(prod, latest, std::nullopt, earlier);
        QVERIFY(hasIssue(report, healthrule::BacklogGrowing));
        QVERIFY(hasIssue(report, healthrule::DeadLettersGrowing));

        // And the full anomaly baseline: a backlog that jumps against a flat past is seen.
        StatsCache flat(clock, 2s);
        for (int i = 1; i <= 30; ++i)
            flat.put(statsAt(prod, i * 1000, 100 + i % 2), kept);
        flat.put(statsAt(prod, 31'000, 1000), kept);
        const QList<Anomaly> found = AnomalyDetector().temporal(
            CompareInput {prod, *flat.latest(prod), flat.earlier(prod)});
        QVERIFY(std::any_of(found.cbegin(), found.cend(),
            [](const Anomaly& a) { return a.type == anomalytype::BacklogJump; }));

        // Fewer kept (a rule's streak shortened): the oldest go, the order stays.
        flat.put(statsAt(prod, 31'500, 7), 5);
        const QList<ClusterStats> fewer = flat.earlier(prod);
        QCOMPARE(fewer.size(), 5);
        QCOMPARE(fewer.constFirst().polledAt.toMSecsSinceEpoch(), 27'000);
        QCOMPARE(fewer.constLast().polledAt.toMSecsSinceEpoch(), 31'000);

        // Keeping no earlier polls keeps the newest alone; removing forgets the cluster.
        flat.put(statsAt(prod, 32'000, 5), 0);
        QVERIFY(flat.earlier(prod).isEmpty());
        QCOMPARE(flat.get(prod)->totalQueued(), 5);
        flat.remove(prod);
        QVERIFY(flat.latest(prod) == nullptr);
        QVERIFY(flat.earlier(prod).isEmpty());
    }

    void cacheTtlFollowsTheInjectedClock()
    {
        ManualClock clock;
        StatsCache cache(clock, 2s);
        QVERIFY(!cache.get(QStringLiteral("prod")));
        QVERIFY(!cache.isFresh(QStringLiteral("prod")));
        cache.put(statsAt(QStringLiteral("prod"), 1000, 5));
        QVERIFY(cache.isFresh(QStringLiteral("prod")));
        clock.advance(1999ms);
        QVERIFY(cache.isFresh(QStringLiteral("prod")));
        clock.advance(2ms);
        QVERIFY(!cache.isFresh(QStringLiteral("prod")));
        QCOMPARE(cache.get(QStringLiteral("prod"))->totalQueued(), 5); // stale data is still data
        QCOMPARE(*cache.age(QStringLiteral("prod")), 2001ms);
    }
};

QTEST_GUILESS_MAIN(TestTrendStore)
#include "TestTrendStore.moc"
