#include "ClusterStatsBuilder.h"
#include "core/compare/AnomalyDetector.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::Anomaly;
using qd::AnomalyDetector;
using qd::CompareInput;
using qd::test::ClusterStatsBuilder;

namespace {

ClusterStatsBuilder queued(const QString& cluster, qint64 jobs)
{
    ClusterStatsBuilder builder(cluster);
    builder.queue(u"high"_s, jobs).liveWorkers(4);
    return builder;
}

// A cluster whose queue_size was `past` over its recent polls and is `now` at this one.
CompareInput withBacklog(const QString& cluster, const QList<qint64>& past, qint64 now)
{
    const auto history = qd::test::pollSeries<qint64>(
        past, [cluster](qint64 jobs) { return queued(cluster, jobs); });
    return {cluster, queued(cluster, now).at(int(past.size())), history};
}

// The clusters of `anomalies` whose type is deviation on `metric`, in order.
QStringList deviating(const QList<Anomaly>& anomalies, const QString& metric = u"queue_size"_s)
{
    QStringList clusters;
    for (const Anomaly& anomaly : anomalies) {
        if (anomaly.type == u"deviation" && anomaly.metric == metric)
            clusters.append(anomaly.cluster);
    }
    clusters.sort();
    return clusters;
}

} // namespace

class TestAnomalyDetector final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Three or more clusters: median and MAD, with the floor and delta_threshold (10%).
    void amongMany_data()
    {
        QTest::addColumn<QList<qint64>>("values");
        QTest::addColumn<QStringList>("flagged");
        QTest::addColumn<QString>("severity");

        QTest::newRow("one outlier of four")
            << QList<qint64> {100, 120, 140, 1000} << QStringList {u"c3"_s} << u"critical"_s;
        QTest::newRow("MAD 0, one differs")
            << QList<qint64> {100, 100, 100, 500} << QStringList {u"c3"_s} << u"critical"_s;
        QTest::newRow("MAD 0, all equal")
            << QList<qint64> {100, 100, 100} << QStringList {} << QString();
        QTest::newRow("MAD 0, difference under the floor")
            << QList<qint64> {100, 100, 130} << QStringList {} << QString();
        QTest::newRow("MAD 0, difference under the threshold")
            << QList<qint64> {10000, 10000, 10600} << QStringList {} << QString();
        QTest::newRow("evenly spread, nobody is odd")
            << QList<qint64> {100, 200, 300} << QStringList {} << QString();
        QTest::newRow("two camps")
            << QList<qint64> {100, 100, 500, 500} << QStringList {} << QString();
        QTest::newRow("small numbers") << QList<qint64> {0, 0, 2} << QStringList {} << QString();
        QTest::newRow("one cluster emptied")
            << QList<qint64> {1000, 1000, 1100, 0} << QStringList {u"c3"_s} << u"warning"_s;
        QTest::newRow("tight group, tiny outlier")
            << QList<qint64> {1000, 1001, 1002, 1010} << QStringList {} << QString();
        QTest::newRow("robust z fires, percentage does not")
            << QList<qint64> {5000, 5010, 5020, 5400} << QStringList {} << QString();
    }
    void amongMany()
    {
        QFETCH(QList<qint64>, values);
        QFETCH(QStringList, flagged);
        QFETCH(QString, severity);

        QList<CompareInput> inputs;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QString name = u"c%1"_s.arg(i);
            inputs.append({name, queued(name, values.at(i)), {}});
        }
        const QList<Anomaly> found = AnomalyDetector().deviations(inputs);
        QCOMPARE(deviating(found), flagged);
        if (!flagged.isEmpty())
            QCOMPARE(qd::severityName(found.first().severity), severity);
    }

    // Severity by the relative size r of the deviation: < 0.5 info, < 2 warning, else critical.
    void severityBySize_data()
    {
        QTest::addColumn<qint64>("outlier");
        QTest::addColumn<QString>("severity");

        QTest::newRow("r 0.3") << qint64 {1300} << u"info"_s;
        QTest::newRow("r 0.49") << qint64 {1490} << u"info"_s;
        QTest::newRow("r 0.5") << qint64 {1500} << u"warning"_s;
        QTest::newRow("r 1.99") << qint64 {2990} << u"warning"_s;
        QTest::newRow("r 2") << qint64 {3000} << u"critical"_s;
        QTest::newRow("r 0.8 below") << qint64 {200} << u"warning"_s;
    }
    void severityBySize()
    {
        QFETCH(qint64, outlier);
        QFETCH(QString, severity);

        const QList<Anomaly> found = AnomalyDetector().deviations(
            {{u"a"_s, queued(u"a"_s, 1000), {}}, {u"b"_s, queued(u"b"_s, 1000), {}},
                {u"c"_s, queued(u"c"_s, 1000), {}}, {u"d"_s, queued(u"d"_s, outlier), {}}});
        QCOMPARE(deviating(found), QStringList {u"d"_s});
        QCOMPARE(qd::severityName(found.first().severity), severity);
        QCOMPARE(found.first().value, double(outlier));
        QCOMPARE(found.first().expected, 1000.0);
    }

    // Two clusters: the difference must pass delta_threshold, and only a cluster that also
    // left its own baseline (widening the gap) is blamed; never both.
    void pair_data()
    {
        QTest::addColumn<QList<qint64>>("pastA");
        QTest::addColumn<qint64>("nowA");
        QTest::addColumn<QList<qint64>>("pastB");
        QTest::addColumn<qint64>("nowB");
        QTest::addColumn<QStringList>("flagged");

        const QList<qint64> at125 {125, 124, 126, 125};
        const QList<qint64> at475 {475, 470, 480, 475};
        QTest::newRow("seed: production left its baseline") << QList<qint64> {120, 125, 130,
            125} << qint64 {475} << at125 << qint64 {125} << QStringList {u"a"_s};
        QTest::newRow("staging left its baseline")
            << at475 << qint64 {475} << at475 << qint64 {125} << QStringList {u"b"_s};
        QTest::newRow("neither moved: a standing difference")
            << at475 << qint64 {475} << at125 << qint64 {125} << QStringList {};
        QTest::newRow("both moved")
            << at125 << qint64 {475} << at475 << qint64 {125} << QStringList {};
        QTest::newRow("no history") << QList<qint64> {} << qint64 {475} << QList<qint64> {}
                                    << qint64 {125} << QStringList {};
        QTest::newRow("history too short")
            << QList<qint64> {125, 125} << qint64 {475} << QList<qint64> {125, 125} << qint64 {125}
            << QStringList {};
        QTest::newRow("difference under the threshold")
            << QList<qint64> {1000, 1000, 1000} << qint64 {1080} << QList<qint64> {1000, 1000, 1000}
            << qint64 {1000} << QStringList {};
        QTest::newRow("moved towards the other") << QList<qint64> {1000, 1000, 1000} << qint64 {475}
                                                 << at125 << qint64 {125} << QStringList {};
        QTest::newRow("always swings this much")
            << QList<qint64> {100, 400, 50, 300, 200} << qint64 {475} << at125 << qint64 {125}
            << QStringList {};
        QTest::newRow("small numbers") << QList<qint64> {0, 0, 0} << qint64 {2}
                                       << QList<qint64> {0, 0, 0} << qint64 {0} << QStringList {};
    }
    void pair()
    {
        QFETCH(QList<qint64>, pastA);
        QFETCH(qint64, nowA);
        QFETCH(QList<qint64>, pastB);
        QFETCH(qint64, nowB);
        QFETCH(QStringList, flagged);

        const QList<Anomaly> found = AnomalyDetector().deviations(
            {withBacklog(u"a"_s, pastA, nowA), withBacklog(u"b"_s, pastB, nowB)});
        QCOMPARE(deviating(found), flagged);
        QVERIFY(deviating(found).size() < 2);
    }

    void seedPairFields()
    {
        const QList<Anomaly> found
            = AnomalyDetector().deviations({withBacklog(u"production"_s, {120, 125, 130}, 475),
                withBacklog(u"staging"_s, {125, 125, 125}, 125)});
        QCOMPARE(found.size(), 1);
        const Anomaly& anomaly = found.first();
        QCOMPARE(anomaly.type, u"deviation"_s);
        QCOMPARE(anomaly.cluster, u"production"_s);
        QCOMPARE(anomaly.metric, u"queue_size"_s);
        QCOMPARE(anomaly.value, 475.0);
        QCOMPARE(anomaly.expected, 300.0);
        QCOMPARE(anomaly.severity, qd::Severity::Warning);
        QVERIFY2(anomaly.description.contains(u"475 jobs against 125 jobs there"_s),
            qPrintable(anomaly.description));
        QCOMPARE(anomaly.key(), u"deviation/production/queue_size"_s);
    }

    // One cluster against its own recent polls. severity "" means no anomaly of that type.
    void temporal_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QList<double>>("past");
        QTest::addColumn<double>("now");
        QTest::addColumn<QString>("severity");

        const QString jump = u"backlog_jump"_s;
        QTest::newRow("backlog more than doubled")
            << jump << QList<double> {100, 110, 90, 100} << 250.0 << u"warning"_s;
        QTest::newRow("backlog tripled")
            << jump << QList<double> {100, 100, 100} << 400.0 << u"critical"_s;
        QTest::newRow("backlog just under double")
            << jump << QList<double> {100, 100, 100} << 199.0 << QString();
        QTest::newRow("backlog from nothing, under the floor")
            << jump << QList<double> {0, 0, 0} << 40.0 << QString();
        QTest::newRow("backlog from nothing, over the floor")
            << jump << QList<double> {0, 0, 0} << 60.0 << u"warning"_s;
        QTest::newRow("backlog that always swings")
            << jump << QList<double> {100, 400, 50, 300, 200} << 450.0 << QString();
        QTest::newRow("backlog shrink is no jump")
            << jump << QList<double> {500, 500, 500} << 10.0 << QString();
        QTest::newRow("backlog, too little history")
            << jump << QList<double> {100, 100} << 900.0 << QString();

        const QString spike = u"error_rate_spike"_s;
        QTest::newRow("error rate 1% to 20%")
            << spike << QList<double> {0.01, 0.01, 0.02} << 0.20 << u"critical"_s;
        QTest::newRow("error rate 0% to 6%")
            << spike << QList<double> {0, 0, 0} << 0.06 << u"warning"_s;
        QTest::newRow("error rate 1% to 4%, under the floor")
            << spike << QList<double> {0.01, 0.01, 0.01} << 0.04 << QString();
        QTest::newRow("error rate unknown now")
            << spike << QList<double> {0, 0, 0} << -1.0 << QString();

        const QString drop = u"worker_drop"_s;
        QTest::newRow("workers 10 to 4")
            << drop << QList<double> {10, 10, 10} << 4.0 << u"warning"_s;
        QTest::newRow("workers 10 to 9") << drop << QList<double> {10, 10, 10} << 9.0 << QString();
        QTest::newRow("workers 2 to 0") << drop << QList<double> {2, 2, 2} << 0.0 << u"warning"_s;
        QTest::newRow("workers 1 to 0, under the floor")
            << drop << QList<double> {1, 1, 1} << 0.0 << QString();
        QTest::newRow("workers grew") << drop << QList<double> {4, 4, 4} << 10.0 << QString();
    }
    void temporal()
    {
        QFETCH(QString, type);
        QFETCH(QList<double>, past);
        QFETCH(double, now);
        QFETCH(QString, severity);

        // One poll per value; the value goes where `type` looks, the rest stays ordinary.
        const auto poll = [&type](double value) {
            ClusterStatsBuilder builder(u"solo"_s);
            builder.queue(u"high"_s, type == u"backlog_jump" ? qint64(value) : 10);
            builder.liveWorkers(type == u"worker_drop" ? int(value) : 4);
            if (type == u"error_rate_spike" && value < 0)
                builder.ratesUnknown();
            else
                builder.rates(5, type == u"error_rate_spike" ? value : 0.01);
            return builder;
        };
        const QList<qd::ClusterStats> history = qd::test::pollSeries<double>(past, poll);
        const CompareInput input {u"solo"_s, poll(now).at(int(past.size())), history};

        const AnomalyDetector detector;
        const QList<Anomaly> found = detector.temporal(input);
        const auto it = std::find_if(found.cbegin(), found.cend(),
            [&type](const Anomaly& anomaly) { return anomaly.type == type; });
        if (severity.isEmpty()) {
            QVERIFY2(
                it == found.cend(), qPrintable(it == found.cend() ? QString() : it->description));
            return;
        }
        QVERIFY(it != found.cend());
        QCOMPARE(qd::severityName(it->severity), severity);
        QCOMPARE(it->cluster, u"solo"_s);
        QCOMPARE(it->value, now);
        QVERIFY(!it->description.isEmpty());
        // One cluster alone is enough.
        QCOMPARE(detector.detect({input}), found);
    }

    void detectMergesWorstFirst()
    {
        const QList<Anomaly> found = AnomalyDetector().detect(
            {withBacklog(u"a"_s, {100, 100, 100}, 120), withBacklog(u"b"_s, {100, 100, 100}, 100),
                withBacklog(u"c"_s, {100, 100, 100}, 100),
                withBacklog(u"d"_s, {100, 100, 100}, 900)});
        QCOMPARE(deviating(found), QStringList {u"d"_s});
        QVERIFY(std::any_of(found.cbegin(), found.cend(),
            [](const Anomaly& a) { return a.type == u"backlog_jump" && a.cluster == u"d"; }));
        for (qsizetype i = 1; i < found.size(); ++i)
            QVERIFY(found.at(i - 1).severity >= found.at(i).severity);
    }

    void thresholdIsConfigurable()
    {
        const QList<CompareInput> inputs {{u"a"_s, queued(u"a"_s, 1000), {}},
            {u"b"_s, queued(u"b"_s, 1000), {}}, {u"c"_s, queued(u"c"_s, 1300), {}}};
        AnomalyDetector detector(10.0);
        QCOMPARE(deviating(detector.deviations(inputs)), QStringList {u"c"_s});
        detector.setDeltaThreshold(40.0);
        QVERIFY(deviating(detector.deviations(inputs)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "TestAnomalyDetector.moc"
