#include "ClusterStatsBuilder.h"
#include "core/compare/CompareEngine.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::CompareEngine;
using qd::CompareInput;
using qd::CompareMetric;
using qd::CompareResult;
using qd::test::ClusterStatsBuilder;

namespace {

// The API specification's example: production holds 475 queued jobs, staging 125.
ClusterStatsBuilder production()
{
    ClusterStatsBuilder builder(u"production"_s);
    builder.queue(u"default"_s, 150).queue(u"high"_s, 25).queue(u"low"_s, 300);
    builder.processing(45).deadLetters(3).liveWorkers(10).rates(125.5, 0.02);
    return builder;
}

ClusterStatsBuilder staging()
{
    ClusterStatsBuilder builder(u"staging"_s);
    builder.queue(u"default"_s, 100).queue(u"high"_s, 25).queue(u"bulk"_s, 0);
    builder.processing(5).deadLetters(40).liveWorkers(2).rates(20, 0.10);
    return builder;
}

CompareInput inputOf(const qd::ClusterStats& stats, const QList<qd::ClusterStats>& history = {})
{
    return {stats.clusterName, stats, history};
}

// Only a queue_size figure matters for the highlight rows.
CompareInput sized(const QString& cluster, qint64 queued)
{
    return inputOf(ClusterStatsBuilder(cluster).queue(u"high"_s, queued).liveWorkers(1));
}

} // namespace

class TestCompareEngine final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seedExample()
    {
        const CompareResult result
            = CompareEngine().compare({inputOf(production()), inputOf(staging())});
        QCOMPARE(result.clusters, (QStringList {u"production"_s, u"staging"_s}));
        const CompareMetric* queueSize = result.metric(u"queue_size");
        QVERIFY(queueSize != nullptr);
        QCOMPARE(queueSize->name, u"queue_size"_s);
        QCOMPARE(queueSize->values.value(u"production"_s), 475.0);
        QCOMPARE(queueSize->values.value(u"staging"_s), 125.0);
        QCOMPARE(queueSize->delta, 350.0);
        QCOMPARE(queueSize->unit, u"jobs"_s);
    }

    void aggregateMetrics_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("productionValue");
        QTest::addColumn<double>("stagingValue");
        QTest::addColumn<double>("delta");

        QTest::newRow("queue_size") << u"queue_size"_s << u"jobs"_s << 475.0 << 125.0 << 350.0;
        QTest::newRow("processing_count")
            << u"processing_count"_s << u"jobs"_s << 45.0 << 5.0 << 40.0;
        QTest::newRow("dead_letter_count")
            << u"dead_letter_count"_s << u"jobs"_s << 3.0 << 40.0 << 37.0;
        QTest::newRow("worker_count") << u"worker_count"_s << u"workers"_s << 10.0 << 2.0 << 8.0;
        QTest::newRow("job_rate") << u"job_rate"_s << u"jobs/s"_s << 125.5 << 20.0 << 105.5;
        QTest::newRow("error_rate") << u"error_rate"_s << u"ratio"_s << 0.02 << 0.10 << 0.08;
        QTest::newRow("queue_size:default")
            << u"queue_size:default"_s << u"jobs"_s << 150.0 << 100.0 << 50.0;
        QTest::newRow("queue_size:high")
            << u"queue_size:high"_s << u"jobs"_s << 25.0 << 25.0 << 0.0;
    }
    void aggregateMetrics()
    {
        QFETCH(QString, metric);
        QFETCH(QString, unit);
        QFETCH(double, productionValue);
        QFETCH(double, stagingValue);
        QFETCH(double, delta);

        const CompareResult result
            = CompareEngine().compare({inputOf(production()), inputOf(staging())});
        const CompareMetric* found = result.metric(metric);
        QVERIFY(found != nullptr);
        QCOMPARE(found->name, metric);
        QCOMPARE(found->unit, unit);
        QCOMPARE(found->values.size(), 2);
        QCOMPARE(found->values.value(u"production"_s), productionValue);
        QCOMPARE(found->values.value(u"staging"_s), stagingValue);
        QVERIFY(qFuzzyCompare(1 + found->delta, 1 + delta));
    }

    void metricOrder()
    {
        const CompareResult result
            = CompareEngine().compare({inputOf(production()), inputOf(staging())});
        QStringList names;
        for (const CompareMetric& metric : result.metrics)
            names.append(metric.name);
        QCOMPARE(names,
            (QStringList {u"queue_size"_s, u"processing_count"_s, u"dead_letter_count"_s,
                u"worker_count"_s, u"job_rate"_s, u"error_rate"_s, u"queue_size:default"_s,
                u"queue_size:high"_s, u"queue_size:low"_s, u"queue_size:bulk"_s}));
    }

    // A value that does not exist on a cluster is left out, never shown as 0.
    void absentValues_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QStringList>("clusters");
        QTest::addColumn<double>("delta");

        QTest::newRow("queue only on production")
            << u"queue_size:low"_s << QStringList {u"production"_s} << 0.0;
        QTest::newRow("queue only on staging")
            << u"queue_size:bulk"_s << QStringList {u"staging"_s} << 0.0;
        QTest::newRow("rates before staging's second poll")
            << u"job_rate"_s << QStringList {u"production"_s} << 0.0;
        QTest::newRow("counts are always known")
            << u"worker_count"_s << QStringList {u"production"_s, u"staging"_s} << 8.0;
    }
    void absentValues()
    {
        QFETCH(QString, metric);
        QFETCH(QStringList, clusters);
        QFETCH(double, delta);

        const CompareResult result
            = CompareEngine().compare({inputOf(production()), inputOf(staging().ratesUnknown())});
        const CompareMetric* found = result.metric(metric);
        QVERIFY(found != nullptr);
        QCOMPARE(found->values.keys(), clusters);
        QCOMPARE(found->delta, delta);
    }

    // Which clusters the GUI marks on queue_size (default delta_threshold 10%, floor 50 jobs).
    void highlights_data()
    {
        QTest::addColumn<QList<qint64>>("queued");
        QTest::addColumn<bool>("highlightDeltas");
        QTest::addColumn<QStringList>("highlighted");

        const QStringList pair {u"c0"_s, u"c1"_s};
        QTest::newRow("seed pair") << QList<qint64> {475, 125} << true << pair;
        QTest::newRow("pair just under threshold")
            << QList<qint64> {1000, 1100} << true << QStringList {}; // 9.5% of the mean
        QTest::newRow("pair just over threshold")
            << QList<qint64> {1000, 1120} << true << pair; // 11.3%
        QTest::newRow("small numbers") << QList<qint64> {0, 2} << true << QStringList {};
        QTest::newRow("under the floor") << QList<qint64> {10, 59} << true << QStringList {};
        QTest::newRow("one of three")
            << QList<qint64> {100, 100, 500} << true << QStringList {u"c2"_s};
        QTest::newRow("two of four")
            << QList<qint64> {1000, 1000, 1500, 200} << true << QStringList {u"c2"_s, u"c3"_s};
        QTest::newRow("three equal") << QList<qint64> {300, 300, 300} << true << QStringList {};
        QTest::newRow("highlighting off") << QList<qint64> {475, 125} << false << QStringList {};
    }
    void highlights()
    {
        QFETCH(QList<qint64>, queued);
        QFETCH(bool, highlightDeltas);
        QFETCH(QStringList, highlighted);

        QList<CompareInput> inputs;
        for (qsizetype i = 0; i < queued.size(); ++i)
            inputs.append(sized(u"c%1"_s.arg(i), queued.at(i)));
        qd::CompareModeConfig config;
        config.highlightDeltas = highlightDeltas;
        const CompareResult result = CompareEngine(config).compare(inputs);
        const CompareMetric* queueSize = result.metric(u"queue_size");
        QCOMPARE(queueSize->highlighted, highlighted);
        for (const QString& cluster : highlighted)
            QVERIFY(queueSize->isHighlighted(cluster));
        // The per-queue metric holds the same numbers, so it is marked the same way.
        QCOMPARE(result.metric(u"queue_size:high")->highlighted, highlighted);
    }

    void thresholdFromConfig()
    {
        qd::CompareModeConfig config;
        config.deltaThreshold = 50;
        CompareEngine engine(config);
        const QList<CompareInput> inputs {sized(u"a"_s, 1000), sized(u"b"_s, 1400)}; // 33%
        QVERIFY(engine.compare(inputs).metric(u"queue_size")->highlighted.isEmpty());
        config.deltaThreshold = 30;
        engine.setConfig(config);
        QCOMPARE(engine.compare(inputs).metric(u"queue_size")->highlighted.size(), 2);
    }

    void workerFiguresSideBySide()
    {
        // production: 10 live idle workers, heartbeats 10 s old; staging: 2 of those and one
        // orphan holding 4 jobs; quiet: the orphan alone, no heartbeat anywhere.
        const qd::ClusterStats withOrphan = staging().silentWorker(u"gone"_s, 4);
        const qd::ClusterStats quiet = ClusterStatsBuilder(u"quiet"_s).silentWorker(u"gone"_s, 4);
        const CompareResult result
            = CompareEngine().compare({inputOf(production()), inputOf(withOrphan), inputOf(quiet)});
        QStringList names;
        for (const CompareMetric& metric : result.workerMetrics)
            names.append(metric.name);
        QCOMPARE(names,
            (QStringList {u"known_workers"_s, u"busy_workers"_s, u"orphaned_workers"_s,
                u"oldest_heartbeat_ms"_s}));
        const auto values = [&result](qsizetype i) { return result.workerMetrics.at(i).values; };
        QCOMPARE(values(0),
            (QMap<QString, double> {{u"production"_s, 10}, {u"staging"_s, 3}, {u"quiet"_s, 1}}));
        QCOMPARE(values(1),
            (QMap<QString, double> {{u"production"_s, 0}, {u"staging"_s, 1}, {u"quiet"_s, 1}}));
        QCOMPARE(values(2),
            (QMap<QString, double> {{u"production"_s, 0}, {u"staging"_s, 1}, {u"quiet"_s, 1}}));
        // No heartbeat, no age: absent, not zero.
        QCOMPARE(
            values(3), (QMap<QString, double> {{u"production"_s, 10000}, {u"staging"_s, 10000}}));
        QCOMPARE(result.workerMetrics.at(0).delta, 9.0);
        QCOMPARE(result.workerMetrics.at(3).delta, 0.0);
        QCOMPARE(result.workerMetrics.at(0).unit, u"workers"_s);
        QCOMPARE(result.workerMetrics.at(3).unit, u"ms"_s);
        // Marked by the rule of the other metrics: far enough from the median (3 known workers,
        // 1 busy, 1 orphaned), and at least the floor apart (2 workers; 1 for orphans, any of
        // which holds jobs nobody runs).
        QCOMPARE(
            result.workerMetrics.at(0).highlighted, (QStringList {u"production"_s, u"quiet"_s}));
        QVERIFY(result.workerMetrics.at(1).highlighted.isEmpty());
        QCOMPARE(result.workerMetrics.at(2).highlighted, QStringList {u"production"_s});
        QVERIFY(result.workerMetrics.at(3).highlighted.isEmpty());
        // Worker figures are shown, not judged: no anomaly names them.
        for (const qd::Anomaly& anomaly : result.anomalies)
            QVERIFY2(!names.contains(anomaly.metric), qPrintable(anomaly.metric));

        qd::CompareModeConfig off;
        off.highlightDeltas = false;
        for (const CompareMetric& metric :
            CompareEngine(off).compare({inputOf(production()), inputOf(withOrphan)}).workerMetrics)
            QVERIFY(metric.highlighted.isEmpty());
    }

    void repeatedClusterIsComparedOnce()
    {
        const CompareResult result = CompareEngine().compare(
            {inputOf(production()), inputOf(staging()), inputOf(production().queue(u"x"_s, 9))});
        QCOMPARE(result.clusters, (QStringList {u"production"_s, u"staging"_s}));
        QCOMPARE(result.metric(u"queue_size")->values.value(u"production"_s), 475.0);
        QVERIFY(result.metric(u"queue_size:x") == nullptr);
    }

    // The API specification's anomaly: production left its usual level of ~125 jobs, staging did
    // not.
    void seedAnomaly()
    {
        const auto steady = [](const QString& cluster, const QList<qint64>& levels) {
            return qd::test::pollSeries<qint64>(levels, [cluster](qint64 queued) {
                ClusterStatsBuilder poll(cluster);
                return poll.queue(u"default"_s, queued).liveWorkers(10);
            });
        };
        const qd::ClusterStats now = production().at(10);
        const qd::ClusterStats stagingNow = staging().at(10);
        const CompareResult result = CompareEngine().compare(
            {inputOf(now, steady(u"production"_s, {120, 125, 130, 125, 122})),
                inputOf(stagingNow, steady(u"staging"_s, {125, 124, 126, 125, 125}))});

        QList<qd::Anomaly> queueAnomalies;
        for (const qd::Anomaly& anomaly : result.anomalies) {
            if (anomaly.type == u"deviation" && anomaly.metric == u"queue_size")
                queueAnomalies.append(anomaly);
        }
        QCOMPARE(queueAnomalies.size(), 1);
        const qd::Anomaly& anomaly = queueAnomalies.first();
        QCOMPARE(anomaly.type, u"deviation"_s);
        QCOMPARE(anomaly.cluster, u"production"_s);
        QCOMPARE(anomaly.value, 475.0);
        QCOMPARE(anomaly.expected, 300.0);
        QCOMPARE(anomaly.severity, qd::Severity::Warning);
        QVERIFY2(anomaly.description.contains(u"queue_size deviates significantly"_s),
            qPrintable(anomaly.description));
        // Its own history also tells that production's backlog jumped (125 -> 475).
        const QList<qd::Anomaly> ofProduction = result.anomaliesOf(u"production"_s);
        QVERIFY(std::any_of(ofProduction.cbegin(), ofProduction.cend(),
            [](const qd::Anomaly& a) { return a.type == u"backlog_jump" && a.expected == 125.0; }));
    }
};

QTEST_GUILESS_MAIN(TestCompareEngine)
#include "TestCompareEngine.moc"
