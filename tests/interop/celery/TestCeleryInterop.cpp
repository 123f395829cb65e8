// QueueDeck's Celery adapter against the real thing: Celery 5.2 workers (Debian's
// python3-celery, started with -E) and producers of this folder's rig on a throwaway Redis
// (broker in database 0, results in database 1), compared with what Celery and kombu report
// themselves (oracle.py) at the same moment.
#include "api/json/ClusterStatsJson.h"
#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionRunner.h"
#include "core/config/ClusterConfig.h"
#include "core/queues/celery/CeleryBackend.h"
#include "core/redis/RedisClient.h"
#include "interop/celery/CeleryRig.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace qd;
using namespace qd::test;
using namespace qd::test::celery;
using namespace std::chrono_literals;

class TestCeleryInterop : public QObject {
    Q_OBJECT

private slots:
    void figuresEqualCelerysOwnView()
    {
        QString error;
        RedisServerOptions options;
        options.extraConfig = {QStringLiteral("enable-debug-command local")};
        auto server = RedisServer::start(options, &error);
        QVERIFY2(server, qPrintable(error));
        Worker w1;
        Worker w2;
        QVERIFY(w1.start(*server, QStringLiteral("w1@qdrig"), QStringLiteral("celery,qd-main")));
        QVERIFY(w2.start(*server, QStringLiteral("w2@qdrig"), QStringLiteral("qd-main")));

        const ClusterConfig config = celeryCluster(*server);
        auto backend = backendFor(config);
        QVERIFY(backend);
        // The subscription starts with the first poll: no heartbeat window has passed yet, so
        // the workers are unknown, not none.
        const ClusterStats first = backend->poll();
        QCOMPARE(first.system, QStringLiteral("celery"));
        QVERIFY(!first.workerCount.has_value());
        QVERIFY(api::clusterStatsToJson(first).value(u"worker_count"_qs).isNull());
        // Failures live in the result backend, unknown (not 0) until the census has made a
        // pass; completed tasks are never counted.
        QVERIFY(!first.deadLettersKnown);
        QVERIFY(api::clusterStatsToJson(first).value(u"dead_letter_count"_qs).isNull());
        QVERIFY(!first.completedKnown);
        QVERIFY(api::clusterStatsToJson(first).value(u"completed_count"_qs).isNull());
        QVERIFY(!first.ratesKnown);

        // Work that finishes (some of it failing), ETA tasks the workers hold in unacked, and
        // a queue nobody consumes, over every priority step.
        QVERIFY(!produce(*server,
            {u"--queue"_qs, u"qd-main"_qs, u"--ok"_qs, u"6"_qs, u"--fail"_qs, u"3"_qs, u"--eta"_qs,
                u"3"_qs})
                     .isEmpty());
        QVERIFY(!produce(*server,
            {u"--queue"_qs, u"qd-idle"_qs, u"--ok"_qs, u"6"_qs, u"--priorities"_qs, u"0,3,5,9"_qs})
                     .isEmpty());
        QVERIFY(!produce(*server, {u"--eta"_qs, u"2"_qs}).isEmpty());

        const QStringList queues {u"celery"_qs, u"qd-idle"_qs, u"qd-main"_qs};
        QJsonObject before;
        const bool settled = oracleOnce(
            *server, queues, {},
            [](const QJsonObject& view) {
                const QJsonObject sizes = view.value(u"queues"_qs).toObject();
                return sizes.value(u"qd-main"_qs).toInteger() == 0
                    && sizes.value(u"celery"_qs).toInteger() == 0
                    && view.value(u"active"_qs).toInteger() == 0
                    && view.value(u"reserved"_qs).toInteger() == 0
                    && view.value(u"scheduled"_qs).toInteger() == 5
                    && view.value(u"unacked"_qs).toInteger() == 5
                    && view.value(u"workers"_qs).toArray().size() == 2;
            },
            &before)
                                 .has_value();
        QVERIFY2(settled, QJsonDocument(before).toJson().constData());

        const ClusterStats stats = backend->poll();
        const QJsonObject after = oracle(*server, queues);
        // Nothing moves once settled, so the two readings bracket the poll.
        QCOMPARE(after, before);

        // Queues: the configured one first, then those kombu's bindings name.
        QStringList names;
        for (const QueueStat& queue : stats.queues)
            names.append(queue.name);
        QCOMPARE(names, queues);
        const QJsonObject sizes = after.value(u"queues"_qs).toObject();
        for (const QueueStat& queue : stats.queues) {
            QCOMPARE(queue.length, sizes.value(queue.name).toInteger());
            QVERIFY(!queue.pausable);
            QVERIFY(!queue.states.failed.has_value());
        }
        QCOMPARE(queueNamed(stats, u"qd-idle"_qs)->length, 6);
        // Priorities 0,3,5,9,0,3: the plain list, then the steps 3, 6 and 9.
        const qd::celery::QueueReading& idle = backend->lastReading().queues.at(1);
        QCOMPARE(idle.name, u"qd-idle"_qs);
        QCOMPARE(QList<qint64>(idle.lists, idle.lists + 4), (QList<qint64> {2, 3, 0, 1}));

        // What the workers hold unacknowledged is what they report reserved and scheduled.
        QCOMPARE(stats.processingCount, after.value(u"unacked"_qs).toInteger());
        QCOMPARE(stats.processingCount,
            after.value(u"reserved"_qs).toInteger() + after.value(u"scheduled"_qs).toInteger());
        QCOMPARE(stats.retryCount, 0);
        QVERIFY(backend->lastReading().oldestUnackedSeconds.has_value());

        // Workers: those answering ping.
        QStringList theirs;
        for (const QJsonValue& name : after.value(u"workers"_qs).toArray())
            theirs.append(name.toString());
        QCOMPARE(workerIds(stats), theirs);
        QCOMPARE(stats.workerCount, 2);
        for (const WorkerStat& worker : stats.workers) {
            QVERIFY(worker.live());
            QCOMPARE(worker.host, u"qdrig"_qs);
            QVERIFY(worker.pid.has_value());
            QCOMPARE(worker.busy, 0);
        }

        // Past the visibility timeout the held messages are due to be delivered again.
        ClusterConfig impatient = config;
        impatient.queueSystem.celeryVisibilityTimeout = Millis(500);
        QTest::qWait(600);
        QCOMPARE(backendFor(impatient)->poll().retryCount, stats.processingCount);

        // Rates from the task events (the workers run with -E). A worker buffers its task
        // events and publishes them 24 at a time, so some may still be in its hands: more work
        // makes it publish them.
        ClusterStats rated = stats;
        QElapsedTimer rating;
        rating.start();
        while (!(rated.ratesKnown && rated.jobRate > 0 && rated.errorRate > 0)
            && rating.elapsed() < 30000) {
            QVERIFY(!produce(
                *server, {u"--queue"_qs, u"qd-main"_qs, u"--ok"_qs, u"4"_qs, u"--fail"_qs, u"4"_qs})
                         .isEmpty());
            QTest::qWait(500);
            rated = backend->poll();
        }
        QVERIFY(rated.ratesKnown);
        QVERIFY(rated.jobRate > 0);
        QVERIFY2(rated.errorRate > 0 && rated.errorRate < 1,
            qPrintable(QString::number(rated.errorRate)));

        // A worker that leaves says so (worker-offline); the other keeps beating.
        w2.stop();
        ClusterStats left = backend->poll();
        for (int i = 0; i < 60 && left.workerCount != 1; ++i) {
            QTest::qWait(100);
            left = backend->poll();
        }
        QCOMPARE(workerIds(left), QStringList {u"w1@qdrig"_qs});

        // A poll alone changes no key: with the workers stopped nothing else writes.
        w1.stop();
        // A discovery that came due while the test ran (its cadence is 10 s; a loaded machine
        // can take that long above) is made by this poll, so the next one is a plain poll.
        backend->poll();
        const ClusterStats quiet = backend->poll();
        QCOMPARE(quiet.workerCount, 0);
        QCOMPARE(quiet.cost.roundTrips, 1); // discovery waits for its cadence
        // 4 lists per queue, 3 unacked reads, INFO and the census's SCAN step: no result
        // backend is configured, so it looks in the broker's database and finds no result to
        // read (docs/queue-systems/celery.md).
        QCOMPARE(quiet.cost.commands, 3 * 4 + 3 + 1 + 1);
        QVERIFY(!quiet.deadLettersKnown);
        QVERIFY(!quiet.completedKnown);
        qInfo("poll of 3 queues: %lld commands, %lld bytes sent, %lld received, %.2f ms",
            quiet.cost.commands, quiet.cost.bytesSent, quiet.cost.bytesReceived, quiet.latencyMs);
        const QByteArray digest = server->cli({u"DEBUG"_qs, u"DIGEST"_qs});
        const QByteArray keys = server->cli({u"DBSIZE"_qs});
        for (int i = 0; i < 3; ++i)
            backend->poll();
        QCOMPARE(server->cli({u"DEBUG"_qs, u"DIGEST"_qs}), digest);
        QCOMPARE(server->cli({u"DBSIZE"_qs}), keys);
    }

    void clearQueueEmptiesEveryPriorityListAndTheWorkerGoesOn()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server, QStringLiteral("w1@qdrig"), QStringLiteral("qd-main"), 1));
        // One slow task runs, one waits in the worker's hand, the rest in the queue's lists.
        QVERIFY(!produce(*server,
            {u"--queue"_qs, u"qd-main"_qs, u"--slow"_qs, u"12"_qs, u"--seconds"_qs, u"3"_qs,
                u"--priorities"_qs, u"0,3,6,9"_qs})
                     .isEmpty());
        QTest::qWait(500);
        const QStringList queues {u"qd-main"_qs};
        QVERIFY(
            oracle(*server, queues).value(u"queues"_qs).toObject().value(u"qd-main"_qs).toInteger()
            >= 6);

        // The lists' total the moment before the action (the oracle's ping takes seconds).
        qint64 waiting = 0;
        for (const QByteArray& list : qd::celery::queueLists(u"qd-main"_qs))
            waiting += server->cli({u"LLEN"_qs, QString::fromUtf8(list)}).trimmed().toLongLong();

        const ClusterConfig config = celeryCluster(*server);
        auto client = redis::RedisClient::create(config, 2000ms);
        const TargetResult cleared
            = runAction(config, *client, u"clear_queue"_qs, {{u"queue"_qs, u"qd-main"_qs}});
        QVERIFY2(cleared.success, qPrintable(cleared.message));
        // A slow task takes 3 s: at most one more left the lists since they were counted.
        const qint64 count = cleared.details.value(u"cleared"_qs).toInteger();
        QVERIFY2(count == waiting || count == waiting - 1, qPrintable(cleared.message));
        QCOMPARE(
            oracle(*server, queues).value(u"queues"_qs).toObject().value(u"qd-main"_qs).toInteger(),
            0);
        for (const QByteArray& list : qd::celery::queueLists(u"qd-main"_qs))
            QCOMPARE(server->cli({u"EXISTS"_qs, QString::fromUtf8(list)}).trimmed(), "0");

        // The worker goes on with new work.
        QVERIFY(!produce(*server, {u"--queue"_qs, u"qd-main"_qs, u"--ok"_qs, u"3"_qs, u"--wait"_qs})
                     .isEmpty());

        // A queue Celery does not know is refused, not created.
        const TargetResult missing
            = runAction(config, *client, u"clear_queue"_qs, {{u"queue"_qs, u"nope"_qs}});
        QVERIFY(!missing.success);
        QVERIFY2(missing.message.contains(u"not a queue"_qs), qPrintable(missing.message));

        // No pause: refused before anything runs, with the reason.
        QVERIFY(!ActionRunner::create(u"pause_queue"_qs, QueueSystemType::Celery));
        QVERIFY(ActionCatalog::unsupportedReason(ActionType::PauseQueue, QueueSystemType::Celery)
                    .contains(u"no persistent pause"_qs));
        QVERIFY(ActionCatalog::unsupportedReason(ActionType::ClearQueue, QueueSystemType::Celery)
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCeleryInterop)
#include "TestCeleryInterop.moc"
