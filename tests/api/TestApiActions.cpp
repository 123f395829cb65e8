// Actions over HTTP: the API specification's request and response, the confirmation flow (202,
// confirm, completed, and the dead letters really gone), cancel, waiting for results, every
// refusal, and the audit log's account of it.

#include "ApiHarness.h"
#include "core/engine/Manager.h"
#include "support/JobJson.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

void fillDeadLetters(RedisServer& redis, int count)
{
    QStringList args {QStringLiteral("LPUSH"), QStringLiteral("jobqueue:dead_letter")};
    for (int i = 0; i < count; ++i)
        args.append(jobJson(QStringLiteral("dead-%1").arg(i), QStringLiteral("high"), 4));
    redis.cli(args);
}

QJsonObject seedPurgeRequest()
{
    return {{QStringLiteral("type"), QStringLiteral("purge_dlq")},
        {QStringLiteral("targets"),
            QJsonArray {QStringLiteral("production"), QStringLiteral("staging")}},
        {QStringLiteral("parameters"), QJsonObject()},
        {QStringLiteral("confirmations"),
            QJsonArray {QJsonObject {{QStringLiteral("required"), true},
                {QStringLiteral("message"),
                    QStringLiteral("This will purge DLQ on 2 clusters. Continue?")}}}}};
}

QString problems(const QStringList& list)
{
    return list.join(u'\n');
}

} // namespace

class TestApiActions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_production = RedisServer::start({}, &error);
        QVERIFY2(m_production, qPrintable(error));
        m_staging = RedisServer::start({}, &error);
        QVERIFY2(m_staging, qPrintable(error));
    }

    void confirmationFlowPurgesTheDeadLetters()
    {
        fillDeadLetters(*m_production, 7);
        fillDeadLetters(*m_staging, 2);
        ApiHarness api(config(true));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(api.manager().allStats().size() == 2, 5000);

        QCOMPARE(api.anonymous().post(QStringLiteral("/api/v1/actions"), seedPurgeRequest()).status,
            401);
        const HttpResponse submitted
            = api.client().post(QStringLiteral("/api/v1/actions"), seedPurgeRequest());
        QVERIFY2(submitted.status == 202, submitted.describe().constData());
        const QJsonObject pending = submitted.object();
        const QString id = pending.value(QStringLiteral("id")).toString();
        QVERIFY(id.startsWith(QStringLiteral("action-")));
        QCOMPARE(submitted.header("location"), QByteArray("/api/v1/actions/") + id.toUtf8());
        QCOMPARE(pending.value(QStringLiteral("type")).toString(), QStringLiteral("purge_dlq"));
        QCOMPARE(pending.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        // The confirmation the server asks for names every target.
        const QString message = pending.value(QStringLiteral("confirmations"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        QVERIFY2(message.contains(QStringLiteral("PRODUCTION"))
                || message.contains(QStringLiteral("production")),
            qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("STAGING"))
                || message.contains(QStringLiteral("staging")),
            qPrintable(message));
        QVERIFY2(
            api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/actions"), submitted)
                .isEmpty(),
            qPrintable(problems(api.conformance(
                QStringLiteral("POST"), QStringLiteral("/api/v1/actions"), submitted))));
        // Nothing ran yet.
        QCOMPARE(
            m_production->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("7"));

        const HttpResponse shown = api.anonymous().get(QStringLiteral("/api/v1/actions/") + id);
        QCOMPARE(shown.status, 200);
        QCOMPARE(
            shown.object().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        const HttpResponse listed
            = api.anonymous().get(QStringLiteral("/api/v1/actions?status=pending"));
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.array().size(), 1);
        QCOMPARE(listed.array().first()[QStringLiteral("id")].toString(), id);
        QVERIFY(api.anonymous()
                    .get(QStringLiteral("/api/v1/actions?status=completed"))
                    .array()
                    .isEmpty());
        QVERIFY(api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/actions"), listed)
                    .isEmpty());

        // The API specification's confirm request: the answer comes when the action is done.
        const QString confirm = QStringLiteral("/api/v1/actions/%1/confirm").arg(id);
        const QJsonObject by {
            {QStringLiteral("confirmed_by"), QStringLiteral("admin@example.com")}};
        QCOMPARE(api.anonymous().post(confirm, by).status, 401);
        const HttpResponse done = api.client().post(confirm, by);
        QVERIFY2(done.status == 200, done.describe().constData());
        const QJsonObject completed = done.object();
        QCOMPARE(completed.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(completed.value(QStringLiteral("confirmed_by")).toString(),
            QStringLiteral("admin@example.com"));
        for (const QString& target : {QStringLiteral("production"), QStringLiteral("staging")}) {
            const QJsonObject result = completed[QStringLiteral("results")][target].toObject();
            QCOMPARE(result.value(QStringLiteral("success")).toBool(), true);
            QVERIFY(!result.value(QStringLiteral("message")).toString().isEmpty());
            QVERIFY(result.value(QStringLiteral("duration_ms")).isDouble());
        }
        QVERIFY2(api.conformance(QStringLiteral("POST"),
                        QStringLiteral("/api/v1/actions/{id}/confirm"), done)
                     .isEmpty(),
            qPrintable(problems(api.conformance(
                QStringLiteral("POST"), QStringLiteral("/api/v1/actions/{id}/confirm"), done))));
        QCOMPARE(
            m_production->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("0"));
        QCOMPARE(m_staging->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("0"));

        // Executed once: confirming again or cancelling now is an illegal transition.
        HttpResponse again = api.client().post(confirm, by);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("illegal_transition"));
        again = api.client().post(QStringLiteral("/api/v1/actions/%1/cancel").arg(id), {});
        QCOMPARE(again.status, 409);

        // The audit log tells the story, filtered by cluster and by action.
        const HttpResponse audit = api.anonymous().get(
            QStringLiteral("/api/v1/audit?cluster=staging&type=purge_dlq&action_id=") + id);
        QCOMPARE(audit.status, 200);
        QStringList statuses;
        for (const QJsonValue& row : audit.array()) {
            QCOMPARE(row[QStringLiteral("action_id")].toString(), id);
            statuses.append(row[QStringLiteral("status")].toString());
        }
        QVERIFY2(statuses.contains(QStringLiteral("pending"))
                && statuses.contains(QStringLiteral("completed")),
            qPrintable(statuses.join(u',')));
        QVERIFY2(api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/audit"), audit)
                     .isEmpty(),
            qPrintable(problems(
                api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/audit"), audit))));
        QCOMPARE(api.anonymous()
                     .get(QStringLiteral("/api/v1/audit?status=completed&limit=1"))
                     .array()
                     .size(),
            1);
        QVERIFY(
            api.anonymous().get(QStringLiteral("/api/v1/audit?cluster=nobody")).array().isEmpty());
        QVERIFY(api.anonymous()
                    .get(QStringLiteral("/api/v1/audit?from=2999-01-01T00:00:00Z"))
                    .array()
                    .isEmpty());
        QCOMPARE(api.anonymous()
                     .get(QStringLiteral("/api/v1/audit?to=2000-01-01T00:00:00Z"))
                     .array()
                     .size(),
            0);
        HttpResponse bad = api.anonymous().get(QStringLiteral("/api/v1/audit?from=yesterday"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorField(), QStringLiteral("from"));
        bad = api.anonymous().get(QStringLiteral("/api/v1/audit?limit=0"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorField(), QStringLiteral("limit"));
    }

    void cancelAPendingAction()
    {
        ApiHarness api(config(true));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const HttpResponse submitted = api.client().post(QStringLiteral("/api/v1/actions"),
            {{QStringLiteral("type"), QStringLiteral("pause_queue")},
                {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}},
                {QStringLiteral("parameters"),
                    QJsonObject {{QStringLiteral("queue"), QStringLiteral("high")}}}});
        QCOMPARE(submitted.status, 202);
        const QString id = submitted.object().value(QStringLiteral("id")).toString();
        const HttpResponse cancelled
            = api.client().send("POST", QStringLiteral("/api/v1/actions/%1/cancel").arg(id));
        QVERIFY2(cancelled.status == 200, cancelled.describe().constData());
        QCOMPARE(cancelled.object().value(QStringLiteral("status")).toString(),
            QStringLiteral("cancelled"));
        QVERIFY(api.conformance(QStringLiteral("POST"),
                       QStringLiteral("/api/v1/actions/{id}/cancel"), cancelled)
                    .isEmpty());
        const HttpResponse late
            = api.client().post(QStringLiteral("/api/v1/actions/%1/confirm").arg(id),
                {{QStringLiteral("confirmed_by"), QStringLiteral("late@example.com")}});
        QCOMPARE(late.status, 409);
        QCOMPARE(
            m_production->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("0"));
    }

    void withoutConfirmationTheAnswerIsTheResult()
    {
        ApiHarness api(config(false));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const QJsonObject pause {{QStringLiteral("type"), QStringLiteral("pause_queue")},
            {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}},
            {QStringLiteral("parameters"),
                QJsonObject {{QStringLiteral("queue"), QStringLiteral("high")}}},
            {QStringLiteral("requested_by"), QStringLiteral("ops-script")}};
        const HttpResponse paused = api.client().post(QStringLiteral("/api/v1/actions"), pause);
        QVERIFY2(paused.status == 200, paused.describe().constData());
        QCOMPARE(paused.object().value(QStringLiteral("status")).toString(),
            QStringLiteral("completed"));
        QCOMPARE(paused.object().value(QStringLiteral("requested_by")).toString(),
            QStringLiteral("ops-script"));
        QCOMPARE(
            m_production->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("1"));
        QJsonObject resume = pause;
        resume.insert(QStringLiteral("type"), QStringLiteral("resume_queue"));
        QCOMPARE(api.client().post(QStringLiteral("/api/v1/actions"), resume).status, 200);
        QCOMPARE(
            m_production->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("0"));
    }

    void longActionsAnswer202ThenFinish()
    {
        api::ApiServerOptions options;
        options.actionWait = 1ms;
        ApiHarness api(config(false), options);
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const HttpResponse started = api.client().post(QStringLiteral("/api/v1/actions"),
            {{QStringLiteral("type"), QStringLiteral("benchmark")},
                {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}},
                {QStringLiteral("parameters"), QJsonObject {{QStringLiteral("count"), 20000}}}});
        QVERIFY2(started.status == 202, started.describe().constData());
        const QString id = started.object().value(QStringLiteral("id")).toString();
        QVERIFY(!started.header("location").isEmpty());
        QVERIFY(api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/actions"), started)
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(api.anonymous()
                                     .get(QStringLiteral("/api/v1/actions/") + id)
                                     .object()
                                     .value(QStringLiteral("status"))
                                     .toString()
                == QStringLiteral("completed"),
            20000);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown type")
            << QByteArray(R"({"type":"rebalance","targets":["production"]})") << 400
            << "unknown_action_type"
            << "type";
        QTest::newRow("type not a string")
            << QByteArray(R"({"type":5,"targets":["production"]})") << 400 << "invalid_field"
            << "type";
        QTest::newRow("no targets field")
            << QByteArray(R"({"type":"purge_dlq"})") << 400 << "missing_field"
            << "targets";
        QTest::newRow("empty targets")
            << QByteArray(R"({"type":"purge_dlq","targets":[]})") << 400 << "invalid_field"
            << "targets";
        QTest::newRow("not allowed")
            << QByteArray(R"({"type":"requeue_dlq","targets":["production"]})") << 403
            << "action_not_allowed"
            << "";
        QTest::newRow("read-only cluster")
            << QByteArray(R"({"type":"purge_dlq","targets":["production","archive"]})") << 403
            << "cluster_read_only"
            << "";
        QTest::newRow("unknown cluster")
            << QByteArray(R"({"type":"purge_dlq","targets":["ghost"]})") << 404
            << "cluster_not_found"
            << "";
        QTest::newRow("bad parameter") << QByteArray(
            R"({"type":"pause_queue","targets":["production"],"parameters":{"queue":"nope"}})")
                                       << 400 << "invalid_parameter"
                                       << "parameters.queue";
        QTest::newRow("unknown field")
            << QByteArray(R"({"type":"purge_dlq","targets":["production"],"priority":"now"})")
            << 400 << "unknown_field"
            << "priority";
        QTest::newRow("bad confirmation")
            << QByteArray(R"({"type":"purge_dlq","targets":["production"],"confirmations":[true]})")
            << 400 << "invalid_field"
            << "confirmations[0]";
    }

    void refusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        ClusterConfig archive = clusterFor(QStringLiteral("archive"), m_staging->endpoint());
        archive.readOnly = true;
        Config c = config(true);
        c.clusters.append(archive);
        ApiHarness api(c);
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        const HttpResponse r = api.client().send("POST", QStringLiteral("/api/v1/actions"), body,
            {{"Content-Type", "application/json"}});
        QVERIFY2(r.status == status, r.describe().constData());
        QCOMPARE(r.errorCode(), code);
        if (!field.isEmpty())
            QCOMPARE(r.errorField(), field);
        QVERIFY(api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/actions"), r)
                    .isEmpty());
        QVERIFY(api.anonymous().get(QStringLiteral("/api/v1/actions")).array().isEmpty());
    }

    void unknownActionsAndBadCommands()
    {
        ApiHarness api(config(true));
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        HttpResponse r = api.anonymous().get(QStringLiteral("/api/v1/actions/action-404"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("action_not_found"));
        QVERIFY(api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/actions/{id}"), r)
                    .isEmpty());
        r = api.client().post(QStringLiteral("/api/v1/actions/action-404/confirm"),
            {{QStringLiteral("confirmed_by"), QStringLiteral("me")}});
        QCOMPARE(r.status, 404);
        r = api.client().send("POST", QStringLiteral("/api/v1/actions/action-404/cancel"));
        QCOMPARE(r.status, 404);
        r = api.anonymous().get(QStringLiteral("/api/v1/actions?status=finished"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("status"));

        const HttpResponse submitted
            = api.client().post(QStringLiteral("/api/v1/actions"), seedPurgeRequest());
        QCOMPARE(submitted.status, 202);
        const QString confirm = QStringLiteral("/api/v1/actions/%1/confirm")
                                    .arg(submitted.object()[QStringLiteral("id")].toString());
        r = api.client().post(confirm, {});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("confirmed_by"));
        r = api.client().post(confirm, {{QStringLiteral("confirmed_by"), 42}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("confirmed_by"));
    }

private:
    Config config(bool confirm) const
    {
        Config c = configFor({clusterFor(QStringLiteral("production"), m_production->endpoint()),
            clusterFor(QStringLiteral("staging"), m_staging->endpoint())});
        c.actions.requireConfirmation = confirm;
        return c;
    }

    std::unique_ptr<RedisServer> m_production;
    std::unique_ptr<RedisServer> m_staging;
};

QTEST_GUILESS_MAIN(TestApiActions)
#include "TestApiActions.moc"
