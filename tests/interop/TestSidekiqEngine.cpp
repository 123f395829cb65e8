// A Sidekiq cluster through the whole engine and the real API (in process, as tests/api run
// it), against a real Sidekiq 6.4 worker: the stats the API serves equal what Sidekiq's own
// Ruby API reports, actions Sidekiq cannot do are refused with 409 unsupported_for_system, and
// the supported ones act on the real worker. QD_SIDEKIQ_TEST_NAMESPACE runs it under a
// redis-namespace prefix.
#include "ApiHarness.h"
#include "core/config/ClusterConfig.h"
#include "core/engine/Manager.h"
#include "interop/sidekiq/SidekiqRig.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <cmath>

using namespace qd::test;

namespace {

const QString kCluster = QStringLiteral("sk");

QJsonObject action(const QString& type, const QJsonObject& parameters)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("targets"), QJsonArray {kCluster}},
        {QStringLiteral("parameters"), parameters}};
}

QJsonObject stats(const QJsonObject& oracle)
{
    return oracle.value(QStringLiteral("stats")).toObject();
}

} // namespace

class TestSidekiqEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void statsEqualSidekiqApi();
    void workersEqualProcessSet();
    void unsupportedActionsAreRefused_data();
    void unsupportedActionsAreRefused();
    void peekReadsTheMorgue();
    void requeueRunsTheJob();
    void purgeRetryAndClearQueue();
    void quietProcessShowsQuiet();
    void signalToUnknownProcessFails();

private:
    QJsonObject oracle();
    QJsonObject apiStats();
    // Posts an action (confirmation is off) and waits for its end; the final action JSON.
    QJsonObject run(const QJsonObject& request);
    QByteArrayList ran();

    std::unique_ptr<SidekiqRig> m_rig;
    std::unique_ptr<ApiHarness> m_api;
};

void TestSidekiqEngine::initTestCase()
{
    QString error;
    SidekiqRig::Options options;
    options.ns = qEnvironmentVariable("QD_SIDEKIQ_TEST_NAMESPACE");
    m_rig = SidekiqRig::start(options, &error);
    QVERIFY2(m_rig, qPrintable(error));
    m_rig->produce({}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_rig->waitForPhase(QStringLiteral("settled"), 60, &error),
        qPrintable(error + QStringLiteral("\n") + m_rig->workerLogTail()));

    qd::ClusterConfig cluster = clusterFor(kCluster, m_rig->redis().endpoint());
    cluster.queueSystem.type = qd::QueueSystemType::Sidekiq;
    cluster.queueSystem.sidekiqNamespace = m_rig->ns();
    qd::Config config = configFor({cluster}, std::chrono::milliseconds(500));
    config.actions.requireConfirmation = false;
    config.actions.allowedActions = qd::knownActionTypes();
    m_api = std::make_unique<ApiHarness>(config);
    QVERIFY2(m_api->start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_api->manager().cachedStats(kCluster).has_value(), 10000);
}

QJsonObject TestSidekiqEngine::oracle()
{
    QString error;
    const QJsonObject snapshot = m_rig->oracle(&error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return snapshot;
}

QJsonObject TestSidekiqEngine::apiStats()
{
    const HttpResponse r = m_api->client().get(QStringLiteral("/api/v1/stats?cluster=") + kCluster);
    if (r.status != 200)
        qWarning("%s", r.describe().constData());
    return r.object();
}

QJsonObject TestSidekiqEngine::run(const QJsonObject& request)
{
    const HttpResponse posted = m_api->client().post(QStringLiteral("/api/v1/actions"), request);
    QJsonObject current = posted.object();
    const QString id = current.value(QStringLiteral("id")).toString();
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        const QString status = current.value(QStringLiteral("status")).toString();
        if (status != u"pending" && status != u"running" && status != u"confirmed")
            return current;
        QTest::qWait(200);
        current = m_api->client().get(QStringLiteral("/api/v1/actions/") + id).object();
    }
    return current;
}

QByteArrayList TestSidekiqEngine::ran()
{
    const QByteArray out
        = m_rig->cli({QStringLiteral("LRANGE"), QString::fromUtf8(m_rig->prefix() + "qdrig:ran"),
            QStringLiteral("0"), QStringLiteral("-1")});
    return out.isEmpty() ? QByteArrayList() : out.split('\n');
}

void TestSidekiqEngine::statsEqualSidekiqApi()
{
    // The workload has settled and only heartbeats move, so a poll taken after the first oracle
    // snapshot must equal it; the second snapshot brackets it.
    const QJsonObject before = oracle();
    const qint64 polls = m_api->manager().cachedStats(kCluster)->polledAt.toMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_api->manager().cachedStats(kCluster)->polledAt.toMSecsSinceEpoch() > polls, 5000);
    const QJsonObject s = apiStats();
    const QJsonObject after = oracle();
    for (const char* key : {"processed", "failed", "dead_size", "retry_size", "enqueued"})
        QVERIFY2(stats(before).value(QLatin1String(key)) == stats(after).value(QLatin1String(key)),
            key); // nothing moved while the poll was taken

    const QJsonObject o = stats(after);
    QCOMPARE(s.value(QStringLiteral("system")).toString(), QStringLiteral("sidekiq"));
    QCOMPARE(s.value(QStringLiteral("rate_source")).toString(), QStringLiteral("counters"));
    QCOMPARE(s.value(QStringLiteral("dead_letter_count")).toInteger(),
        o.value(QStringLiteral("dead_size")).toInteger());
    QCOMPARE(s.value(QStringLiteral("retry_count")).toInteger(),
        o.value(QStringLiteral("retry_size")).toInteger());
    QCOMPARE(s.value(QStringLiteral("scheduled_count")).toInteger(),
        o.value(QStringLiteral("scheduled_size")).toInteger());
    QCOMPARE(s.value(QStringLiteral("processed_total")).toInteger(),
        o.value(QStringLiteral("processed")).toInteger());
    QCOMPARE(s.value(QStringLiteral("failed_total")).toInteger(),
        o.value(QStringLiteral("failed")).toInteger());
    QCOMPARE(s.value(QStringLiteral("completed_count")).toInteger(),
        o.value(QStringLiteral("processed")).toInteger()
            - o.value(QStringLiteral("failed")).toInteger());
    QCOMPARE(s.value(QStringLiteral("worker_count")).toInteger(),
        o.value(QStringLiteral("processes_size")).toInteger());
    QCOMPARE(s.value(QStringLiteral("processing_count")).toInteger(),
        o.value(QStringLiteral("workers_size")).toInteger());

    const QJsonObject sizes = s.value(QStringLiteral("queue_sizes")).toObject();
    const QJsonObject queues = after.value(QStringLiteral("queues")).toObject();
    QCOMPARE(sizes.keys(), queues.keys());
    for (const QString& name : queues.keys())
        QCOMPARE(
            sizes.value(name).toInteger(), queues.value(name)[QStringLiteral("size")].toInteger());

    // Per queue: cannot pause, running jobs as active, the oldest job's age as its latency.
    bool sawParked = false;
    for (const QJsonValue& value : s.value(QStringLiteral("queues")).toArray()) {
        const QJsonObject q = value.toObject();
        const QString name = q.value(QStringLiteral("name")).toString();
        QCOMPARE(q.value(QStringLiteral("pausable")).toBool(true), false);
        const QJsonObject states = q.value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("active")).toInteger(-1),
            name == u"slow" ? qint64(1) : qint64(0));
        const double latency = queues.value(name)[QStringLiteral("latency")].toDouble();
        const double ageMs = q.value(QStringLiteral("oldest_job_age_ms")).toDouble(-1);
        QVERIFY2(std::abs(ageMs - latency * 1000.0) < 3000,
            qPrintable(
                QStringLiteral("%1: %2 ms, Sidekiq %3 s").arg(name).arg(ageMs).arg(latency)));
        sawParked = sawParked || (name == u"parked" && ageMs > 0);
    }
    QVERIFY(sawParked);
    QVERIFY(s.value(QStringLiteral("oldest_job_age_ms")).toDouble() > 0);
    const QStringList problems
        = m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/stats"),
            m_api->client().get(QStringLiteral("/api/v1/stats?cluster=") + kCluster));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSidekiqEngine::workersEqualProcessSet()
{
    const QJsonObject s = apiStats();
    const QJsonObject o = oracle();
    const QJsonArray workers = s.value(QStringLiteral("workers")).toArray();
    const QJsonArray processes = o.value(QStringLiteral("processes")).toArray();
    QCOMPARE(workers.size(), 1);
    QCOMPARE(processes.size(), 1);
    const QJsonObject w = workers.first().toObject();
    const QJsonObject p = processes.first().toObject();
    QCOMPARE(
        w.value(QStringLiteral("id")).toString(), p.value(QStringLiteral("identity")).toString());
    QCOMPARE(
        w.value(QStringLiteral("host")).toString(), p.value(QStringLiteral("hostname")).toString());
    QCOMPARE(
        w.value(QStringLiteral("pid")).toInteger(), p.value(QStringLiteral("pid")).toInteger());
    QCOMPARE(
        w.value(QStringLiteral("busy")).toInteger(), p.value(QStringLiteral("busy")).toInteger());
    QCOMPARE(w.value(QStringLiteral("concurrency")).toInteger(),
        p.value(QStringLiteral("concurrency")).toInteger());
    QCOMPARE(
        w.value(QStringLiteral("queues")).toArray(), p.value(QStringLiteral("queues")).toArray());
    QCOMPARE(w.value(QStringLiteral("quiet")).toBool(true), false);
    const QJsonArray jobs = w.value(QStringLiteral("jobs")).toArray();
    const QJsonArray work = o.value(QStringLiteral("work")).toArray();
    QCOMPARE(jobs.size(), work.size());
    QCOMPARE(jobs.first()[QStringLiteral("id")].toString(),
        work.first()[QStringLiteral("jid")].toString());
    QCOMPARE(jobs.first()[QStringLiteral("class")].toString(), QStringLiteral("QdSlowJob"));
    QCOMPARE(jobs.first()[QStringLiteral("queue")].toString(), QStringLiteral("slow"));
}

void TestSidekiqEngine::unsupportedActionsAreRefused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("parameters");
    const QJsonObject parked {{QStringLiteral("queue"), QStringLiteral("parked")}};
    QTest::newRow("pause") << QStringLiteral("pause_queue") << parked;
    QTest::newRow("resume") << QStringLiteral("resume_queue") << parked;
    QTest::newRow("benchmark") << QStringLiteral("benchmark") << parked;
}

void TestSidekiqEngine::unsupportedActionsAreRefused()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, parameters);
    const QJsonObject before = oracle();
    const HttpResponse r
        = m_api->client().post(QStringLiteral("/api/v1/actions"), action(type, parameters));
    QVERIFY2(r.status == 409, r.describe().constData());
    QCOMPARE(r.errorCode(), QStringLiteral("unsupported_for_system"));
    const QJsonObject after = oracle();
    for (const char* key : {"enqueued", "processed", "dead_size", "retry_size"})
        QVERIFY2(
            stats(after).value(QLatin1String(key)) == stats(before).value(QLatin1String(key)), key);
}

void TestSidekiqEngine::peekReadsTheMorgue()
{
    const QJsonObject done = run(action(QStringLiteral("peek"),
        {{QStringLiteral("queue"), QStringLiteral("dead_letter")}, {QStringLiteral("count"), 10}}));
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const QJsonObject details
        = done.value(QStringLiteral("results"))[kCluster][QStringLiteral("details")].toObject();
    const QJsonArray jobs = details.value(QStringLiteral("jobs")).toArray();
    QCOMPARE(qint64(jobs.size()), oracle().value(QStringLiteral("dead_size")).toInteger());
    QVERIFY(!jobs.first()[QStringLiteral("jid")].toString().isEmpty());
}

void TestSidekiqEngine::requeueRunsTheJob()
{
    m_rig->cli({QStringLiteral("SET"), QString::fromUtf8(m_rig->prefix() + "qdrig:fixed"),
        QStringLiteral("1")});
    const QString dead = QString::fromUtf8(m_rig->cli({QStringLiteral("ZRANGE"),
        QString::fromUtf8(m_rig->prefix() + "dead"), QStringLiteral("0"), QStringLiteral("0")}));
    const QString jid
        = QJsonDocument::fromJson(dead.toUtf8()).object()[QStringLiteral("jid")].toString();
    QVERIFY(!jid.isEmpty());
    const qint64 deadBefore = oracle().value(QStringLiteral("dead_size")).toInteger();
    const QJsonObject done = run(action(QStringLiteral("requeue_dlq"),
        {{QStringLiteral("set"), QStringLiteral("dead")},
            {QStringLiteral("ids"), QJsonArray {jid}}}));
    QVERIFY2(done.value(QStringLiteral("status")).toString() == u"completed",
        QJsonDocument(done).toJson().constData());
    QTRY_VERIFY_WITH_TIMEOUT(ran().contains(jid.toUtf8()), 20000);
    QCOMPARE(oracle().value(QStringLiteral("dead_size")).toInteger(), deadBefore - 1);
    // The engine's next polls agree.
    QTRY_COMPARE_WITH_TIMEOUT(
        apiStats().value(QStringLiteral("dead_letter_count")).toInteger(), deadBefore - 1, 5000);
}

void TestSidekiqEngine::purgeRetryAndClearQueue()
{
    QJsonObject done = run(
        action(QStringLiteral("purge_dlq"), {{QStringLiteral("set"), QStringLiteral("retry")}}));
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    done = run(action(
        QStringLiteral("clear_queue"), {{QStringLiteral("queue"), QStringLiteral("parked")}}));
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const QJsonObject o = oracle();
    QCOMPARE(o.value(QStringLiteral("retry_size")).toInteger(), 0);
    QVERIFY(o.value(QStringLiteral("dead_size")).toInteger() > 0); // the other set untouched
    QVERIFY(!o.value(QStringLiteral("queues")).toObject().contains(QStringLiteral("parked")));
    QTRY_VERIFY_WITH_TIMEOUT(!apiStats()
                                  .value(QStringLiteral("queue_sizes"))
                                  .toObject()
                                  .contains(QStringLiteral("parked")),
        5000);
    QCOMPARE(apiStats().value(QStringLiteral("retry_count")).toInteger(), 0);
}

void TestSidekiqEngine::quietProcessShowsQuiet()
{
    const QJsonObject done = run(
        action(QStringLiteral("quiet_process"), {{QStringLiteral("process"), m_rig->identity()}}));
    QVERIFY2(done.value(QStringLiteral("status")).toString() == u"completed",
        QJsonDocument(done).toJson().constData());
    // 5-10 s: Sidekiq takes the signal at its next beat and reports quiet at the one after.
    QDeadlineTimer deadline(25000);
    bool quiet = false;
    while (!quiet && !deadline.hasExpired()) {
        QTest::qWait(500);
        const QJsonArray processes = oracle().value(QStringLiteral("processes")).toArray();
        quiet = processes.size() == 1
            && processes.first()[QStringLiteral("quiet")].toString() == u"true";
    }
    QVERIFY2(quiet, qPrintable(m_rig->workerLogTail()));
    QTRY_VERIFY_WITH_TIMEOUT(
        apiStats().value(QStringLiteral("workers"))[0][QStringLiteral("quiet")].toBool(), 5000);
}

void TestSidekiqEngine::signalToUnknownProcessFails()
{
    const QJsonObject done = run(action(QStringLiteral("stop_process"),
        {{QStringLiteral("process"), QStringLiteral("elsewhere:1:000000000000")}}));
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(m_rig->workerRunning());
}

QTEST_GUILESS_MAIN(TestSidekiqEngine)
#include "TestSidekiqEngine.moc"
