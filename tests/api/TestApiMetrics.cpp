// GET /metrics against real Redis servers: the series the issue asks for, with the values the
// clusters really have, accepted by promtool, and gone when their cluster is removed.

#include "ApiHarness.h"
#include "core/engine/Manager.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace qd;
using namespace qd::test;

namespace {

// The value of the first sample line whose name and labels contain all of `parts`.
std::optional<double> sample(const QByteArray& text, const QByteArrayList& parts)
{
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith('#'))
            continue;
        bool all = true;
        for (const QByteArray& part : parts)
            all = all && line.contains(part);
        if (all)
            return line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return std::nullopt;
}

} // namespace

class TestApiMetrics final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metricsDescribeClustersActionsAndRequests()
    {
        QString error;
        auto production = RedisServer::start({}, &error);
        QVERIFY2(production, qPrintable(error));
        auto staging = RedisServer::start({}, &error);
        QVERIFY2(staging, qPrintable(error));
        production->cli({QStringLiteral("RPUSH"), QStringLiteral("jobqueue:high_priority"),
            QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        production->cli(
            {QStringLiteral("RPUSH"), QStringLiteral("jobqueue:dead_letter"), QStringLiteral("d")});
        Config config = configFor({clusterFor(QStringLiteral("production"), production->endpoint()),
            clusterFor(QStringLiteral("staging"), staging->endpoint())});
        config.actions.requireConfirmation = false;
        ApiHarness api(config);
        QVERIFY2(api.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(api.manager().allStats().size() == 2, 5000);
        QCOMPARE(api.client()
                     .post(QStringLiteral("/api/v1/actions"),
                         {{QStringLiteral("type"), QStringLiteral("pause_queue")},
                             {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}},
                             {QStringLiteral("parameters"),
                                 QJsonObject {{QStringLiteral("queue"), QStringLiteral("low")}}}})
                     .status,
            200);
        QCOMPARE(api.anonymous().get(QStringLiteral("/api/v1/clusters/ghost")).status, 404);
        QTRY_VERIFY_WITH_TIMEOUT(api.manager()
                                     .stats(QStringLiteral("production"))
                                     .pausedQueues()
                                     .contains(QStringLiteral("low")),
            5000);

        const HttpResponse r = api.anonymous().get(QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain; version=0.0.4"));
        const QByteArray& m = r.body;
        const auto is = [&m](const QByteArrayList& parts, double expected) {
            const auto value = sample(m, parts);
            if (!value || *value != expected) {
                qWarning() << "expected" << expected << "for" << parts << "got"
                           << (value ? *value : -1);
                return false;
            }
            return true;
        };
        const auto positive = [&m](const QByteArrayList& parts) {
            const auto value = sample(m, parts);
            return value && *value > 0;
        };
        QVERIFY(is({"queuedeck_cluster_up{", "cluster=\"production\""}, 1));
        QVERIFY(is({"queuedeck_queue_length{", "cluster=\"production\"", "queue=\"high\""}, 3));
        QVERIFY(is({"queuedeck_queue_paused{", "cluster=\"production\"", "queue=\"low\""}, 1));
        QVERIFY(is({"queuedeck_dead_letter_jobs{", "cluster=\"production\""}, 1));
        QVERIFY(is({"queuedeck_processing_jobs{", "cluster=\"staging\""}, 0));
        QVERIFY(is({"queuedeck_workers{", "cluster=\"staging\""}, 0));
        QVERIFY(sample(m, {"queuedeck_cluster_healthy{", "cluster=\"staging\""}));
        QVERIFY(
            is({"queuedeck_cluster_health_status{", "cluster=\"staging\"",
                   QByteArray("status=\"")
                       + healthStatusName(api.manager().health(QStringLiteral("staging")).status)
                             .toUtf8()
                       + '"'},
                1));
        QVERIFY(positive({"queuedeck_cluster_latency_seconds{", "cluster=\"production\""}));
        QVERIFY(positive({"queuedeck_polls_total{", "cluster=\"production\"", "result=\"ok\""}));
        QVERIFY(positive({"queuedeck_poll_duration_seconds_count{", "cluster=\"production\""}));
        QVERIFY(positive({"queuedeck_poll_commands_total{", "cluster=\"production\""}));
        QVERIFY(positive({"queuedeck_poll_last_round_trips{", "cluster=\"production\""}));
        QVERIFY(positive({"queuedeck_poll_received_bytes_total{", "cluster=\"staging\""}));
        QVERIFY(
            is({"queuedeck_actions_total{", "type=\"pause_queue\"", "status=\"completed\""}, 1));
        QVERIFY(is({"queuedeck_action_duration_seconds_count{", "type=\"pause_queue\""}, 1));
        QVERIFY(
            is({"queuedeck_action_targets_total{", "type=\"pause_queue\"", "result=\"ok\""}, 1));
        QVERIFY(is({"queuedeck_api_requests_total{", "route=\"/api/v1/clusters/{name}\"",
                       "status=\"404\""},
            1));
        QVERIFY(is({"queuedeck_api_requests_total{", "route=\"/api/v1/actions\"", "method=\"POST\"",
                       "status=\"200\""},
            1));
        QVERIFY(sample(m, {"queuedeck_job_rate{", "cluster=\"production\""}));
        QVERIFY(sample(m, {"queuedeck_error_ratio{", "cluster=\"production\""}));

        // Valid for Prometheus' own checker.
        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        QVERIFY2(!promtool.isEmpty(),
            "promtool not installed (scripts/setup installs package prometheus)");
        QProcess check;
        check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY(check.waitForStarted());
        check.write(m);
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(20000));
        const QByteArray findings = check.readAllStandardOutput() + check.readAllStandardError();
        QVERIFY2(check.exitCode() == 0 && findings.trimmed().isEmpty(), findings.constData());

        // A removed cluster's series go with it.
        QCOMPARE(api.client().del(QStringLiteral("/api/v1/clusters/staging")).status, 204);
        const QByteArray after = api.anonymous().get(QStringLiteral("/metrics")).body;
        QVERIFY2(!after.contains("cluster=\"staging\""), after.constData());
        QVERIFY(after.contains("cluster=\"production\""));
    }
};

QTEST_GUILESS_MAIN(TestApiMetrics)
#include "TestApiMetrics.moc"
