#include "core/stats/StatsCache.h"
#include "core/stats/TrendStore.h"
#include "core/util/Clock.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace qd;

namespace {
ClusterStats statsAt(const QString& cluster, qint64 atMs, qint64 queued)
{
    ClusterStats s;
    s.clusterName = cluster;
    s.queues = {{QStringLiteral("high"), QStringLiteral("jobqueue:high_priority"), queued, false}};
    s.deadLetterCount = queued / 10;
    s.polledAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    return s;
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
