// The Celery adapter's census of failed results and kombu's global_keyprefix, against a real
// Celery 5.2 worker (Debian's python3-celery) with a Redis result backend in another database,
// compared with what Celery itself says: failures.py reads every result with AsyncResult(id).state,
// oracle.py counts the queues as kombu does.
#include "api/json/ClusterStatsJson.h"
#include "core/queues/celery/CeleryReader.h"
#include "interop/celery/CeleryRig.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>
#include <tuple>
#include <utility>

using namespace qd;
using namespace qd::test;
using namespace qd::test::celery;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<RedisServer> debuggableServer()
{
    QString error;
    RedisServerOptions options;
    options.extraConfig = {QStringLiteral("enable-debug-command local")};
    auto server = RedisServer::start(options, &error);
    if (!server)
        qWarning("redis-server: %s", qPrintable(error));
    return server;
}

// Celery's own count of the results its backend keeps, once it holds `results` of them.
QJsonObject settledResults(const RedisServer& server, qint64 results)
{
    QJsonObject counts;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 60000) {
        counts = runScript(server, QStringLiteral("failures.py"), {});
        if (counts.value(u"results"_qs).toInteger() == results)
            break;
        QTest::qWait(200);
    }
    return counts;
}

// Polls until the census has completed `passes` more passes, each poll one round trip; returns
// the last poll and how many it took.
std::pair<ClusterStats, int> pollPasses(CeleryBackend& backend, qint64 passes)
{
    const qint64 target = backend.census().passesCompleted() + passes;
    ClusterStats stats;
    int polls = 0;
    while (backend.census().passesCompleted() < target && polls < 500) {
        stats = backend.poll();
        ++polls;
        if (stats.cost.roundTrips != 1) {
            qWarning("poll %d took %lld round trips", polls, stats.cost.roundTrips);
            return {stats, -1};
        }
    }
    return {stats, polls};
}

} // namespace

class TestCeleryResultsInterop : public QObject {
    Q_OBJECT

private slots:
    void failedResultsAreCountedByTheCensus()
    {
        auto server = debuggableServer();
        QVERIFY(server);
        // Other keys in the result backend's database, so that a pass takes several SCAN steps.
        QCOMPARE(
            server->cli({u"-n"_qs, u"1"_qs, u"DEBUG"_qs, u"POPULATE"_qs, u"5000"_qs, u"filler"_qs}),
            "OK");
        Worker worker;
        QVERIFY(worker.start(*server, QStringLiteral("w1@qdrig"), QStringLiteral("qd-main")));

        ClusterConfig config = celeryCluster(*server);
        config.queueSystem.celeryResultBackendDb = 1; // rigapp.py's backend
        // Bindings are read by the first poll only, so that every later poll is one round trip.
        config.queueSystem.discoveryInterval = Millis(3600000);
        auto backend = backendFor(config);
        QVERIFY(backend);
        const ClusterStats first = backend->poll();
        QVERIFY(!first.deadLettersKnown);
        QVERIFY(api::clusterStatsToJson(first).value(u"dead_letter_count"_qs).isNull());

        QVERIFY(!produce(
            *server, {u"--queue"_qs, u"qd-main"_qs, u"--ok"_qs, u"8"_qs, u"--fail"_qs, u"5"_qs})
                     .isEmpty());
        QJsonObject theirs = settledResults(*server, 13);
        QCOMPARE(theirs.value(u"FAILURE"_qs).toInteger(), 5);
        QCOMPARE(theirs.value(u"SUCCESS"_qs).toInteger(), 8);

        // Two passes: the second started after every result was stored.
        auto [stats, polls] = pollPasses(*backend, 2);
        QVERIFY2(polls > 4, qPrintable(QStringLiteral("%1 polls for two passes").arg(polls)));
        qInfo("two passes over %lld keys took %d polls; the last: %lld commands, %lld bytes sent, "
              "%lld received",
            server->cli({u"-n"_qs, u"1"_qs, u"DBSIZE"_qs}).toLongLong(), polls, stats.cost.commands,
            stats.cost.bytesSent, stats.cost.bytesReceived);
        QVERIFY(stats.deadLettersKnown);
        QCOMPARE(stats.deadLetterCount, theirs.value(u"FAILURE"_qs).toInteger());
        QCOMPARE(backend->census().lastPass()->results, theirs.value(u"results"_qs).toInteger());
        QCOMPARE(backend->census().lastPass()->unreadable, 0);
        const QJsonObject json = api::clusterStatsToJson(stats);
        QCOMPARE(json.value(u"dead_letter_count"_qs).toInteger(), 5);
        QVERIFY(!stats.completedKnown);
        QVERIFY(json.value(u"completed_count"_qs).isNull());

        // More failures: a later pass counts them.
        QVERIFY(!produce(*server, {u"--queue"_qs, u"qd-main"_qs, u"--fail"_qs, u"3"_qs}).isEmpty());
        theirs = settledResults(*server, 16);
        QCOMPARE(theirs.value(u"FAILURE"_qs).toInteger(), 8);
        std::tie(stats, polls) = pollPasses(*backend, 2);
        QVERIFY(polls > 0);
        QCOMPARE(stats.deadLetterCount, 8);

        // The broker's figures are still read from the broker's database: a queue nobody
        // consumes, as kombu counts it.
        QVERIFY(!produce(*server, {u"--queue"_qs, u"qd-idle"_qs, u"--ok"_qs, u"4"_qs}).isEmpty());
        config.queueSystem.celeryQueues = {u"qd-idle"_qs};
        auto withIdle = backendFor(config);
        const ClusterStats idle = withIdle->poll();
        QCOMPARE(queueNamed(idle, u"qd-idle"_qs)->length,
            oracle(*server, {u"qd-idle"_qs})
                .value(u"queues"_qs)
                .toObject()
                .value(u"qd-idle"_qs)
                .toInteger());
        QCOMPARE(queueNamed(idle, u"qd-idle"_qs)->length, 4);

        // Polling alone changes no key, in either database, across the end of a pass.
        worker.stop();
        backend->poll();
        const QByteArray digest = server->cli({u"DEBUG"_qs, u"DIGEST"_qs});
        std::tie(stats, polls) = pollPasses(*backend, 1);
        QVERIFY(polls > 0);
        QCOMPARE(server->cli({u"DEBUG"_qs, u"DIGEST"_qs}), digest);
        QCOMPARE(stats.deadLetterCount, 8);
    }

    void aDeploymentWithAGlobalKeyPrefix()
    {
        auto server = debuggableServer();
        QVERIFY(server);
        const QString prefix = QStringLiteral("qd_");
        Worker worker;
        QVERIFY(worker.start(
            *server, QStringLiteral("w1@qdrig"), QStringLiteral("qd-main"), 2, prefix));
        QVERIFY(!produce(*server, {u"--queue"_qs, u"qd-main"_qs, u"--ok"_qs, u"4"_qs}, prefix)
                     .isEmpty());
        QVERIFY(!produce(*server,
            {u"--queue"_qs, u"qd-idle"_qs, u"--ok"_qs, u"5"_qs, u"--priorities"_qs, u"0,3,6,9"_qs},
            prefix)
                     .isEmpty());
        // kombu did prefix the lists.
        QCOMPARE(server->cli({u"EXISTS"_qs, u"qd-idle"_qs}), "0");
        QCOMPARE(server->cli({u"EXISTS"_qs, u"qd_qd-idle"_qs}), "1");

        const QStringList queues {u"celery"_qs, u"qd-idle"_qs, u"qd-main"_qs};
        QJsonObject before;
        const bool settled = oracleOnce(
            *server, queues, prefix,
            [](const QJsonObject& view) {
                const QJsonObject sizes = view.value(u"queues"_qs).toObject();
                return sizes.value(u"qd-main"_qs).toInteger() == 0
                    && sizes.value(u"qd-idle"_qs).toInteger() == 5
                    && view.value(u"active"_qs).toInteger() == 0
                    && view.value(u"reserved"_qs).toInteger() == 0
                    && view.value(u"unacked"_qs).toInteger() == 0
                    && view.value(u"workers"_qs).toArray().size() == 1;
            },
            &before)
                                 .has_value();
        QVERIFY2(settled, QJsonDocument(before).toJson().constData());

        ClusterConfig config = celeryCluster(*server);
        config.queueSystem.celeryGlobalKeyPrefix = prefix;
        auto backend = backendFor(config);
        // The workers' events come on prefixed channels too: the worker is seen once the
        // subscription has been up for a heartbeat window.
        ClusterStats stats = backend->poll();
        for (int i = 0; i < 100 && stats.workerCount != 1; ++i) {
            QTest::qWait(100);
            stats = backend->poll();
        }
        QCOMPARE(workerIds(stats), QStringList {u"w1@qdrig"_qs});
        const QJsonObject after = oracle(*server, queues, prefix);
        QCOMPARE(after, before);
        QVERIFY(queueNamed(stats, u"qd-idle"_qs));
        QVERIFY(queueNamed(stats, u"qd-main"_qs));
        const QJsonObject sizes = after.value(u"queues"_qs).toObject();
        for (const QueueStat& queue : stats.queues)
            QCOMPARE(queue.length, sizes.value(queue.name).toInteger());
        QCOMPARE(stats.processingCount, after.value(u"unacked"_qs).toInteger());
        // Read without the prefix, the deployment has no bound queue at all.
        const ClusterStats plain = backendFor(celeryCluster(*server))->poll();
        QVERIFY(!queueNamed(plain, u"qd-idle"_qs));

        // Polling alone changes no key.
        worker.stop();
        const QByteArray digest = server->cli({u"DEBUG"_qs, u"DIGEST"_qs});
        for (int i = 0; i < 3; ++i)
            backend->poll();
        QCOMPARE(server->cli({u"DEBUG"_qs, u"DIGEST"_qs}), digest);

        // clear_queue empties the prefixed lists.
        auto client = redis::RedisClient::create(config, 2000ms);
        const TargetResult cleared
            = runAction(config, *client, u"clear_queue"_qs, {{u"queue"_qs, u"qd-idle"_qs}});
        QVERIFY2(cleared.success, qPrintable(cleared.message));
        QCOMPARE(cleared.details.value(u"cleared"_qs).toInteger(), 5);
        QCOMPARE(oracle(*server, {u"qd-idle"_qs}, prefix)
                     .value(u"queues"_qs)
                     .toObject()
                     .value(u"qd-idle"_qs)
                     .toInteger(),
            0);
        for (const QByteArray& list : qd::celery::queueLists(u"qd-idle"_qs, prefix.toUtf8()))
            QCOMPARE(server->cli({u"EXISTS"_qs, QString::fromUtf8(list)}), "0");
    }
};

QTEST_GUILESS_MAIN(TestCeleryResultsInterop)
#include "TestCeleryResultsInterop.moc"
