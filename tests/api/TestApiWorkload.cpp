// The API over a cluster with real traffic from the workload generator: producers, workers that
// fail a share of their jobs, and what /stats, /health, /metrics and the event stream report.

#include "ApiHarness.h"
#include "SseReader.h"
#include "core/engine/Manager.h"
#include "support/ChildProcess.h"
#include "support/RedisServer.h"

#include <QProcess>
#include <QTest>

using namespace qd;
using namespace qd::test;

class TestApiWorkload final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statsFollowTheWorkload()
    {
        const QString loadgen = qEnvironmentVariable("QD_LOADGEN");
        QVERIFY2(QFile::exists(loadgen), "QD_LOADGEN must name the queuedeck-loadgen binary");
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        ApiHarness api(configFor({clusterFor(QStringLiteral("production"), redis->endpoint())}));
        QVERIFY2(api.start(&error), qPrintable(error));
        SseReader events(
            api.port(), QStringLiteral("/api/v1/events?cluster=production&last_event_id=0"));
        QVERIFY(events.waitForHeaders());

        QProcess workload;
        ChildProcess::tieToTestProcess(workload);
        workload.start(loadgen,
            {QStringLiteral("--endpoint"), redis->endpoint(), QStringLiteral("--rate"),
                QStringLiteral("15"), QStringLiteral("--workers"), QStringLiteral("3"),
                QStringLiteral("--job-duration"), QStringLiteral("300ms"),
                QStringLiteral("--failure-ratio"), QStringLiteral("0.5"),
                QStringLiteral("--max-retries"), QStringLiteral("0"), QStringLiteral("--duration"),
                QStringLiteral("20s")});
        QVERIFY(workload.waitForStarted());

        // Three live workers (kept busy: workers are found by their processing lists, which only
        // exist while they hold a job), jobs completing and failing: the API specification's stats
        // say so.
        QJsonObject stats;
        const auto working = [&stats] {
            return stats.value(QStringLiteral("worker_count")).toInt() == 3
                && stats.value(QStringLiteral("rates_known")).toBool()
                && stats.value(QStringLiteral("job_rate")).toDouble() > 0
                && stats.value(QStringLiteral("error_rate")).toDouble() > 0;
        };
        QDeadlineTimer deadline(15000);
        do {
            QTest::qWait(200);
            stats
                = api.anonymous().get(QStringLiteral("/api/v1/stats?cluster=production")).object();
        } while (!working() && !deadline.hasExpired());
        QVERIFY2(working(), QJsonDocument(stats).toJson().constData());
        QVERIFY(stats.value(QStringLiteral("error_rate")).toDouble() < 1);
        QVERIFY(stats.value(QStringLiteral("dead_letter_count")).toInteger() > 0);
        QCOMPARE(stats.value(QStringLiteral("workers")).toArray().size(), 3);

        const HttpResponse health
            = api.anonymous().get(QStringLiteral("/api/v1/health?cluster=production"));
        QCOMPARE(
            health.object()[QStringLiteral("metrics")][QStringLiteral("worker_count")].toInt(), 3);
        QVERIFY(health.object()[QStringLiteral("metrics")][QStringLiteral("dead_letter_count")]
                    .toInteger()
            > 0);

        const QByteArray metrics = api.anonymous().get(QStringLiteral("/metrics")).body;
        QVERIFY(metrics.contains("queuedeck_workers{cluster=\"production\"} 3"));
        QVERIFY(!metrics.contains("queuedeck_job_rate{cluster=\"production\"} 0\n"));

        // The trend of the job rate has points above zero.
        const QJsonArray rates
            = api.anonymous()
                  .get(QStringLiteral("/api/v1/clusters/production/trends?metric=job_rate"))
                  .object()[QStringLiteral("metrics")][QStringLiteral("job_rate")]
                  .toArray();
        QVERIFY(std::any_of(rates.begin(), rates.end(),
            [](const QJsonValue& s) { return s[QStringLiteral("value")].toDouble() > 0; }));

        workload.terminate();
        QVERIFY(workload.waitForFinished(10000));
        // The stream (replayed from the start of the buffer) has the cluster's connected event.
        QVERIFY(events.waitFor(
            [](const SseMessage& m) {
                return m.data.value(QStringLiteral("type")).toString()
                    == QLatin1String("cluster_connected");
            },
            5000));
    }
};

QTEST_GUILESS_MAIN(TestApiWorkload)
#include "TestApiWorkload.moc"
