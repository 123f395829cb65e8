#include "core/audit/AuditLog.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "support/EngineConfig.h"
#include "support/EngineFixture.h"
#include "support/JobJson.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

struct Fixture {
    std::unique_ptr<RedisServer> a;
    std::unique_ptr<RedisServer> b;
    std::unique_ptr<EngineFixture> rig;
    Manager* manager = nullptr;
    ActionEngine* engine = nullptr;
    AuditLog* audit = nullptr;

    bool open(bool requireConfirmation = true, int maxConcurrent = 5, bool readOnlyB = false)
    {
        QString error;
        a = RedisServer::start({}, &error);
        b = RedisServer::start({}, &error);
        if (!a || !b) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        ClusterConfig cb = clusterFor(QStringLiteral("b"), b->endpoint());
        cb.readOnly = readOnlyB;
        Config config = configFor({clusterFor(QStringLiteral("a"), a->endpoint()), cb}, 500ms);
        config.polling.jitter = 0ms;
        config.polling.timeout = 400ms;
        config.actions.requireConfirmation = requireConfirmation;
        config.actions.maxConcurrent = maxConcurrent;
        config.actions.allowedActions = {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
            QStringLiteral("resume_queue"), QStringLiteral("benchmark"),
            QStringLiteral("requeue_dlq")};
        rig = std::make_unique<EngineFixture>(config);
        if (!rig->build(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        manager = &rig->manager();
        engine = &rig->actions();
        audit = &rig->audit();
        manager->start();
        return true;
    }

    MultiAction waitDone(const QString& id)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            const auto action = engine->action(id);
            if (action && isFinal(action->status))
                return *action;
            QTest::qWait(20);
        }
        qFatal("action %s did not finish", qPrintable(id));
    }
};

void fillDeadLetters(
    RedisServer& server, int count, const QString& priority = QStringLiteral("high"))
{
    QStringList args {QStringLiteral("LPUSH"), QStringLiteral("jobqueue:dead_letter")};
    for (int i = 0; i < count; ++i)
        args << jobJson(QStringLiteral("j%1").arg(i), priority, 3);
    server.cli(args);
}

} // namespace

class TestActions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void purgeNeedsConfirmationThenEmptiesBoth()
    {
        Fixture f;
        QVERIFY(f.open());
        fillDeadLetters(*f.a, 7);
        fillDeadLetters(*f.b, 3);
        // The confirmation quotes the cached counts: wait until a poll has seen them.
        QTRY_VERIFY_WITH_TIMEOUT(
            f.manager->cachedStats(QStringLiteral("a")).value_or(ClusterStats {}).deadLetterCount
                    == 7
                && f.manager->cachedStats(QStringLiteral("b"))
                        .value_or(ClusterStats {})
                        .deadLetterCount
                    == 3,
            5000);
        const MultiAction pending = f.engine->submit(QStringLiteral("purge_dlq"),
            {QStringLiteral("a"), QStringLiteral("b")}, {}, QStringLiteral("alice"));
        QCOMPARE(pending.status, ActionStatus::Pending);
        QCOMPARE(pending.confirmations.size(), 1);
        const QString message = pending.confirmations[0].message;
        QVERIFY2(
            message.contains(QStringLiteral("purge 7 dead letters on A (%1)").arg(f.a->endpoint())),
            qPrintable(message));
        QVERIFY2(
            message.contains(QStringLiteral("purge 3 dead letters on B (%1)").arg(f.b->endpoint())),
            qPrintable(message));
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("7")); // nothing ran yet

        f.engine->confirm(pending.id, QStringLiteral("bob"));
        const MultiAction done = f.waitDone(pending.id);
        QCOMPARE(done.status, ActionStatus::Completed);
        QCOMPARE(done.confirmedBy, QStringLiteral("bob"));
        QCOMPARE(
            done.results[QStringLiteral("a")].details[QStringLiteral("purged")].toInteger(), 7);
        QCOMPARE(
            done.results[QStringLiteral("b")].details[QStringLiteral("purged")].toInteger(), 3);
        QVERIFY(done.results[QStringLiteral("a")].durationMs > 0);
        QCOMPARE(f.a->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("0"));
        QCOMPARE(f.b->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("0"));

        // Confirming again executes nothing.
        QVERIFY_THROWS_EXCEPTION(ActionError, f.engine->confirm(pending.id, QStringLiteral("bob")));
        // The audit log has every state change: pending, confirmed, executing, completed.
        AuditQuery query;
        query.actionId = pending.id;
        QStringList statuses;
        for (const AuditEntry& e : f.audit->query(query))
            statuses.prepend(e.status);
        QCOMPARE(statuses,
            (QStringList {QStringLiteral("pending"), QStringLiteral("confirmed"),
                QStringLiteral("executing"), QStringLiteral("completed")}));
        query = AuditQuery {};
        query.cluster = QStringLiteral("b");
        query.status = QStringLiteral("completed");
        QCOMPARE(f.audit->query(query).size(), 1);
    }

    void cancelledPendingNeverRuns()
    {
        Fixture f;
        QVERIFY(f.open());
        fillDeadLetters(*f.a, 2);
        const MultiAction pending = f.engine->submit(
            QStringLiteral("purge_dlq"), {QStringLiteral("a")}, {}, QStringLiteral("alice"));
        QCOMPARE(f.engine->cancel(pending.id).status, ActionStatus::Cancelled);
        QVERIFY_THROWS_EXCEPTION(ActionError, f.engine->confirm(pending.id, QStringLiteral("bob")));
        f.engine->waitForIdle();
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("2"));
    }

    void refusalsNameTheProblem_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QJsonObject>("parameters");
        QTest::addColumn<int>("kind");
        QTest::newRow("unknown type")
            << QStringLiteral("rebalance") << QStringList {QStringLiteral("a")} << QJsonObject {}
            << int(ActionError::Kind::UnknownType);
        QTest::newRow("not allowed")
            << QStringLiteral("peek_not") << QStringList {QStringLiteral("a")} << QJsonObject {}
            << int(ActionError::Kind::UnknownType);
        QTest::newRow("unknown target")
            << QStringLiteral("purge_dlq") << QStringList {QStringLiteral("zz")} << QJsonObject {}
            << int(ActionError::Kind::UnknownTarget);
        QTest::newRow("read-only target")
            << QStringLiteral("purge_dlq") << QStringList {QStringLiteral("a"), QStringLiteral("b")}
            << QJsonObject {} << int(ActionError::Kind::ReadOnlyTarget);
        QTest::newRow("no targets") << QStringLiteral("purge_dlq") << QStringList {}
                                    << QJsonObject {} << int(ActionError::Kind::InvalidParameter);
        QTest::newRow("missing queue")
            << QStringLiteral("pause_queue") << QStringList {QStringLiteral("a")} << QJsonObject {}
            << int(ActionError::Kind::InvalidParameter);
        QTest::newRow("unknown queue")
            << QStringLiteral("pause_queue") << QStringList {QStringLiteral("a")}
            << QJsonObject {{QStringLiteral("queue"), QStringLiteral("nope")}}
            << int(ActionError::Kind::InvalidParameter);
        QTest::newRow("bad count")
            << QStringLiteral("benchmark") << QStringList {QStringLiteral("a")}
            << QJsonObject {{QStringLiteral("count"), -5}}
            << int(ActionError::Kind::InvalidParameter);
        QTest::newRow("unknown parameter")
            << QStringLiteral("purge_dlq") << QStringList {QStringLiteral("a")}
            << QJsonObject {{QStringLiteral("force"), true}}
            << int(ActionError::Kind::InvalidParameter);
    }
    void refusalsNameTheProblem()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, targets);
        QFETCH(QJsonObject, parameters);
        QFETCH(int, kind);
        Fixture f;
        QVERIFY(f.open(true, 5, true));
        try {
            f.engine->submit(type, targets, parameters, QStringLiteral("alice"));
            QFAIL("submit accepted");
        } catch (const ActionError& e) {
            QCOMPARE(int(e.kind()), kind);
            QVERIFY(!e.message().isEmpty());
        }
        QVERIFY(f.engine->actions().isEmpty()); // nothing created, nothing run
    }

    void disallowedTypeIsRefusedByTheEngine()
    {
        Fixture f;
        QVERIFY(f.open());
        Config config = f.manager->config();
        try {
            f.engine->submit(QStringLiteral("peek"), {QStringLiteral("a")},
                {{QStringLiteral("queue"), QStringLiteral("high")}}, {});
        } catch (const ActionError&) {
            QFAIL("peek is read-only and always allowed");
        }
        // requeue_dlq is allowed here; take it out of the allowlist through a new manager.
        config.actions.allowedActions = {QStringLiteral("purge_dlq")};
        Manager restricted(config);
        ActionEngine engine(restricted, nullptr);
        try {
            engine.submit(QStringLiteral("requeue_dlq"), {QStringLiteral("a")}, {}, {});
            QFAIL("requeue_dlq accepted");
        } catch (const ActionError& e) {
            QCOMPARE(e.kind(), ActionError::Kind::NotAllowed);
        }
    }

    void requeueMovesExactlyAndKeepsOrder()
    {
        Fixture f;
        QVERIFY(f.open(false));
        // Dead letters oldest at the tail: j0 is the oldest.
        QStringList args {QStringLiteral("LPUSH"), QStringLiteral("jobqueue:dead_letter")};
        for (int i = 0; i < 2500; ++i)
            args << jobJson(QStringLiteral("j%1").arg(i),
                i % 2 ? QStringLiteral("low") : QStringLiteral("high"), 3);
        args << jobJson(QStringLiteral("lost"), QStringLiteral("nowhere"), 3);
        f.a->cli(args);
        const MultiAction action = f.engine->submit(
            QStringLiteral("requeue_dlq"), {QStringLiteral("a")}, {}, QStringLiteral("alice"));
        const MultiAction done = f.waitDone(action.id);
        QCOMPARE(done.status, ActionStatus::Completed);
        QCOMPARE(
            done.results[QStringLiteral("a")].details[QStringLiteral("moved")].toInteger(), 2500);
        QCOMPARE(
            done.results[QStringLiteral("a")].details[QStringLiteral("skipped")].toInteger(), 1);
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:high_priority")}),
            QByteArray("1250"));
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:low_priority")}),
            QByteArray("1250"));
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("1")); // the skipped one stays
        // Workers take from the tail: the oldest dead letter comes first, retries reset.
        const QByteArray next = f.a->cli({QStringLiteral("LINDEX"),
            QStringLiteral("jobqueue:high_priority"), QStringLiteral("-1")});
        const QJsonObject first = QJsonDocument::fromJson(next).object();
        QCOMPARE(first[QStringLiteral("id")].toString(), QStringLiteral("j0"));
        QCOMPARE(first[QStringLiteral("retries")].toInt(), 0);
        const QByteArray second = f.a->cli({QStringLiteral("LINDEX"),
            QStringLiteral("jobqueue:high_priority"), QStringLiteral("-2")});
        QCOMPARE(QJsonDocument::fromJson(second).object()[QStringLiteral("id")].toString(),
            QStringLiteral("j2"));
    }

    void requeueIntoOneQueueKeepsOrderAcrossBatches()
    {
        Fixture f;
        QVERIFY(f.open(false));
        // More than two batches, mixed priorities, all sent to "low" in their dead-letter order.
        QStringList args {QStringLiteral("LPUSH"), QStringLiteral("jobqueue:dead_letter")};
        for (int i = 0; i < 2100; ++i)
            args << jobJson(QStringLiteral("j%1").arg(i),
                i % 3 ? QStringLiteral("low") : QStringLiteral("high"), 2);
        f.a->cli(args);
        const MultiAction done = f.waitDone(
            f.engine
                ->submit(QStringLiteral("requeue_dlq"), {QStringLiteral("a")},
                    {{QStringLiteral("queue"), QStringLiteral("low")}}, QStringLiteral("alice"))
                .id);
        QCOMPARE(done.status, ActionStatus::Completed);
        QCOMPARE(
            done.results[QStringLiteral("a")].details[QStringLiteral("moved")].toInteger(), 2100);
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:low_priority")}),
            QByteArray("2100"));
        QCOMPARE(f.a->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:high_priority")}),
            QByteArray("0"));
        // The tail is the oldest; reading the list from the tail gives j0, j1, j2, ... back.
        for (const int i : {0, 999, 1000, 1001, 2099}) {
            const QByteArray at = f.a->cli({QStringLiteral("LINDEX"),
                QStringLiteral("jobqueue:low_priority"), QString::number(-1 - i)});
            const QJsonObject object = QJsonDocument::fromJson(at).object();
            QCOMPARE(object[QStringLiteral("id")].toString(), QStringLiteral("j%1").arg(i));
            QCOMPARE(object[QStringLiteral("retries")].toInt(), 0);
        }
    }

    void requeueListedIdsIntoOneQueue()
    {
        Fixture f;
        QVERIFY(f.open(false));
        fillDeadLetters(*f.a, 10);
        const MultiAction action
            = f.engine->submit(QStringLiteral("requeue_dlq"), {QStringLiteral("a")},
                {{QStringLiteral("queue"), QStringLiteral("low")},
                    {QStringLiteral("ids"),
                        QJsonArray {QStringLiteral("j3"), QStringLiteral("j7"),
                            QStringLiteral("missing")}}},
                {});
        const MultiAction done = f.waitDone(action.id);
        QCOMPARE(done.results[QStringLiteral("a")].details[QStringLiteral("moved")].toInteger(), 2);
        QCOMPARE(
            done.results[QStringLiteral("a")].details[QStringLiteral("skipped")].toInteger(), 1);
        QCOMPARE(f.a->cli({QStringLiteral("LLEN"), QStringLiteral("jobqueue:dead_letter")}),
            QByteArray("8"));
        QCOMPARE(QJsonDocument::fromJson(
                     f.a->cli({QStringLiteral("LINDEX"), QStringLiteral("jobqueue:low_priority"),
                         QStringLiteral("-1")}))
                     .object()[QStringLiteral("id")]
                     .toString(),
            QStringLiteral("j3"));
    }

    void pauseAndResumeReadTheFlagBack()
    {
        Fixture f;
        QVERIFY(f.open(false));
        const MultiAction paused = f.waitDone(
            f.engine
                ->submit(QStringLiteral("pause_queue"), {QStringLiteral("a"), QStringLiteral("b")},
                    {{QStringLiteral("queue"), QStringLiteral("high")}}, {})
                .id);
        QCOMPARE(paused.status, ActionStatus::Completed);
        QVERIFY(paused.results[QStringLiteral("a")].details[QStringLiteral("paused")].toBool());
        QCOMPARE(f.b->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("1"));
        const MultiAction resumed
            = f.waitDone(f.engine
                             ->submit(QStringLiteral("resume_queue"), {QStringLiteral("a")},
                                 {{QStringLiteral("queue"), QStringLiteral("high")}}, {})
                             .id);
        QVERIFY(!resumed.results[QStringLiteral("a")].details[QStringLiteral("paused")].toBool());
        QCOMPARE(f.a->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("0"));
    }

    void benchmarkEnqueuesExactlyAndCleansUp()
    {
        Fixture f;
        QVERIFY(f.open(false));
        QSignalSpy changes(f.engine, &ActionEngine::actionChanged);
        const MultiAction done = f.waitDone(
            f.engine
                ->submit(QStringLiteral("benchmark"), {QStringLiteral("a")},
                    {{QStringLiteral("count"), 5000}, {QStringLiteral("pipeline"), 100},
                        {QStringLiteral("payload_bytes"), 64}},
                    {})
                .id);
        QCOMPARE(done.status, ActionStatus::Completed);
        const QJsonObject details = done.results[QStringLiteral("a")].details;
        QCOMPARE(details[QStringLiteral("enqueued")].toInteger(), 5000);
        const QJsonObject latency = details[QStringLiteral("batch_latency_ms")].toObject();
        QCOMPARE(latency[QStringLiteral("samples")].toInteger(), 50);
        QVERIFY(latency[QStringLiteral("p50")].toDouble() > 0);
        QVERIFY(
            latency[QStringLiteral("p50")].toDouble() <= latency[QStringLiteral("p95")].toDouble());
        QVERIFY(
            latency[QStringLiteral("p95")].toDouble() <= latency[QStringLiteral("p99")].toDouble());
        QVERIFY(details[QStringLiteral("jobs_per_second")].toDouble() > 0);
        // The dedicated bench queue is gone afterwards.
        QCOMPARE(
            f.a->cli({QStringLiteral("KEYS"), QStringLiteral("queuedeck:bench:*")}), QByteArray());
        QVERIFY(changes.count() > 3); // progress reported along the way
    }

    void maxConcurrentIsHonoured()
    {
        Fixture f;
        QVERIFY(f.open(false, 1));
        // Two targets, one slot: the second starts after the first ends.
        const MultiAction done = f.waitDone(
            f.engine
                ->submit(QStringLiteral("benchmark"), {QStringLiteral("a"), QStringLiteral("b")},
                    {{QStringLiteral("count"), 20000}, {QStringLiteral("pipeline"), 10}}, {})
                .id);
        QCOMPARE(done.status, ActionStatus::Completed);
        const double both
            = done.finishedAt.toMSecsSinceEpoch() - done.executedAt.toMSecsSinceEpoch();
        const double a = done.results[QStringLiteral("a")].durationMs;
        const double b = done.results[QStringLiteral("b")].durationMs;
        QVERIFY2(both >= (a + b) * 0.9,
            qPrintable(QStringLiteral("%1 vs %2 + %3").arg(both).arg(a).arg(b)));

        Fixture g;
        QVERIFY(g.open(false, 2));
        const MultiAction parallel = g.waitDone(
            g.engine
                ->submit(QStringLiteral("benchmark"), {QStringLiteral("a"), QStringLiteral("b")},
                    {{QStringLiteral("count"), 20000}, {QStringLiteral("pipeline"), 10}}, {})
                .id);
        const double wall
            = parallel.finishedAt.toMSecsSinceEpoch() - parallel.executedAt.toMSecsSinceEpoch();
        QVERIFY(wall < parallel.results[QStringLiteral("a")].durationMs
                + parallel.results[QStringLiteral("b")].durationMs);
    }

    void cancelStopsARunningActionAtItsNextBatch()
    {
        Fixture f;
        QVERIFY(f.open(false));
        const MultiAction action
            = f.engine->submit(QStringLiteral("benchmark"), {QStringLiteral("a")},
                {{QStringLiteral("count"), 1000000}, {QStringLiteral("pipeline"), 10}}, {});
        // Shown once its audit row is durable, which the audit writer does on its own thread.
        QTRY_VERIFY(f.engine->action(action.id)
            && f.engine->action(action.id)->results[QStringLiteral("a")].done > 0);
        f.engine->cancel(action.id, QStringLiteral("alice"));
        const MultiAction done = f.waitDone(action.id);
        QCOMPARE(done.status, ActionStatus::Cancelled);
        QVERIFY(done.results[QStringLiteral("a")].details[QStringLiteral("enqueued")].toInteger()
            < 1000000);
    }

    void failedTargetFailsTheActionAndSaysWhich()
    {
        Fixture f;
        QVERIFY(f.open(false));
        f.b->stop();
        const MultiAction done
            = f.waitDone(f.engine
                             ->submit(QStringLiteral("purge_dlq"),
                                 {QStringLiteral("a"), QStringLiteral("b")}, {}, {})
                             .id);
        QCOMPARE(done.status, ActionStatus::Failed);
        QVERIFY(done.results[QStringLiteral("a")].success);
        QVERIFY(!done.results[QStringLiteral("b")].success);
        QVERIFY2(done.error.contains(QStringLiteral("failed on 1 of 2 target(s): b")),
            qPrintable(done.error));
    }

    void executingActionFoundAfterACrashIsInterrupted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        MultiAction action;
        action.id = QStringLiteral("action-crashed");
        action.type = QStringLiteral("purge_dlq");
        action.targets = {QStringLiteral("a")};
        action.status = ActionStatus::Executing;
        {
            AuditLog audit(path);
            audit.append(action, QStringLiteral("system"));
        }
        Config config;
        config.clusters = {clusterFor(QStringLiteral("a"), QStringLiteral("127.0.0.1:1"))};
        Manager manager(config);
        AuditLog audit(path);
        ActionEngine engine(manager, &audit);
        QCOMPARE(
            engine.action(QStringLiteral("action-crashed"))->status, ActionStatus::Interrupted);
        QVERIFY_THROWS_EXCEPTION(ActionError, engine.confirm(QStringLiteral("action-crashed"), {}));
        AuditQuery query;
        query.actionId = QStringLiteral("action-crashed");
        QCOMPARE(audit.query(query).constFirst().status, QStringLiteral("interrupted"));
    }
};

QTEST_GUILESS_MAIN(TestActions)
#include "TestActions.moc"
