// QueueDeck's RQ adapter against the real library: Debian's python3-rq worker (with its
// scheduler) and producer (the rig of this folder) on a throwaway Redis, database 3, compared
// with what RQ's own API reports (oracle.py) at the same moment.
#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"
#include "core/config/ClusterConfig.h"
#include "core/queues/QueueSystems.h"
#include "core/queues/rq/RqBackend.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "support/ChildProcess.h"
#include "support/EngineConfig.h"
#include "support/InteropSupport.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>

using namespace qd;
using namespace qd::test;
using namespace std::chrono_literals;

namespace {

// RQ deployments are told apart by database: the rig uses one other than 0.
constexpr int rigDb = 3;
// Debian's interpreter, which has python3-rq (a python3 earlier on PATH may not).
const QString python = QStringLiteral("/usr/bin/python3");

QString rigDir()
{
    return qEnvironmentVariable("QD_SOURCE_DIR") + QStringLiteral("/tests/interop/rq");
}

QProcessEnvironment rigEnvironment(const RedisServer& server)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REDIS_URL"),
        QStringLiteral("redis://%1/%2").arg(server.endpoint()).arg(rigDb));
    env.insert(QStringLiteral("PYTHONPATH"), rigDir());
    return env;
}

// Runs one of the rig's scripts to completion and returns its stdout parsed as JSON.
QJsonObject runPython(const RedisServer& server, const QStringList& args)
{
    QProcess py;
    py.setProcessEnvironment(rigEnvironment(server));
    py.setWorkingDirectory(rigDir());
    ChildProcess::tieToTestProcess(py);
    py.start(python, args);
    if (!py.waitForFinished(30000) || py.exitCode() != 0) {
        qWarning("python3 %s: %s", qPrintable(args.join(u' ')), py.readAllStandardError().data());
        return {};
    }
    return QJsonDocument::fromJson(py.readAllStandardOutput()).object();
}

QJsonObject oracle(const RedisServer& server)
{
    return runPython(server, {rigDir() + QStringLiteral("/oracle.py")});
}

QJsonObject jobStatuses(const RedisServer& server, const QStringList& ids)
{
    return runPython(server, QStringList {rigDir() + u"/oracle.py"_qs, u"--job"_qs} + ids);
}

QByteArray cliDb(const RedisServer& server, const QStringList& command)
{
    return server.cli(QStringList {u"-n"_qs, QString::number(rigDb)} + command);
}

qint64 integerOf(const RedisServer& server, const QStringList& command)
{
    return cliDb(server, command).trimmed().toLongLong();
}

// The adapter's figures in the oracle's shape.
QJsonObject countsOf(const rq::QueueCounts& c)
{
    return {{u"queued"_qs, c.queued}, {u"started"_qs, c.started}, {u"finished"_qs, c.finished},
        {u"failed"_qs, c.failed}, {u"scheduled"_qs, c.scheduled}, {u"deferred"_qs, c.deferred},
        {u"canceled"_qs, c.canceled}};
}

QJsonObject countsOf(QJsonObject theirs)
{
    theirs.remove(u"failed_ids"_qs);
    return theirs;
}

// RQ's worker, ready once it has registered itself with RQ.
class Worker {
public:
    bool start(const RedisServer& server)
    {
        return m_process.start(QStringLiteral("bash"),
            {rigDir() + QStringLiteral("/run-rq.sh"), QStringLiteral("exec"),
                QStringLiteral("qdrig-1")},
            rigEnvironment(server), [&server](const QByteArray&) {
                return integerOf(server, {u"EXISTS"_qs, u"rq:worker:qdrig-1"_qs}) == 1;
            });
    }
    void stop() { m_process.stop(); }

private:
    WorkerProcess m_process;
};

TargetResult runAction(const ClusterConfig& config, redis::RedisClient& client, const QString& type,
    const QJsonObject& parameters = {})
{
    return runTargetAction(QueueSystemType::RQ, config, client, type, parameters);
}

// Waits until the condition holds, polling every 50 ms; returns the milliseconds it took, or
// -1 after timeoutMs.
template <typename Condition>
qint64 waitFor(Condition condition, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        if (condition())
            return waited.elapsed();
        QTest::qWait(50);
    }
    return -1;
}

ClusterConfig rqCluster(const RedisServer& server)
{
    ClusterConfig config = clusterFor(QStringLiteral("rq"), server.endpoint());
    config.queueSystem.type = QueueSystemType::RQ;
    config.db = rigDb;
    return config;
}

// Pushes the standard workload and waits until RQ's own view reaches its expected counts;
// returns the producer's output, or an empty object.
QJsonObject pushAndSettle(const RedisServer& server, QJsonObject* settledView)
{
    const QJsonObject pushed = runPython(server, {rigDir() + QStringLiteral("/producer.py")});
    const QJsonObject expected = pushed.value(u"expected"_qs).toObject();
    if (expected.isEmpty())
        return {};
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000) {
        const QJsonObject view = oracle(server);
        bool settled = true;
        for (auto q = expected.begin(); q != expected.end(); ++q)
            settled = settled
                && countsOf(view.value(u"queues"_qs).toObject().value(q.key()).toObject()) == *q;
        if (settled) {
            *settledView = view;
            return pushed;
        }
        QTest::qWait(200);
    }
    qWarning("never settled: %s", QJsonDocument(oracle(server)).toJson().constData());
    return {};
}

} // namespace

class TestRqInterop : public QObject {
    Q_OBJECT

private slots:
    void countsAndWorkersEqualRqsOwnApi()
    {
        QString error;
        RedisServerOptions options;
        options.extraConfig = {QStringLiteral("enable-debug-command local")};
        auto server = RedisServer::start(options, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server));
        QJsonObject before;
        QVERIFY(!pushAndSettle(*server, &before).isEmpty());

        const ClusterConfig config = rqCluster(*server);
        auto backend = std::dynamic_pointer_cast<RqBackend>(createQueueBackend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system()));
        QVERIFY(backend);
        const ClusterStats stats = backend->poll();
        const QJsonObject after = oracle(*server);
        // Nothing moves once settled (the heartbeat touches no figure compared here), so the
        // two readings bracket the poll.
        QCOMPARE(after, before);

        QCOMPARE(stats.system, u"rq"_qs);
        const QJsonObject theirQueues = after.value(u"queues"_qs).toObject();
        QCOMPARE(backend->lastCounts().size(), theirQueues.size());
        for (const rq::QueueCounts& counts : backend->lastCounts()) {
            const QJsonObject theirs = theirQueues.value(counts.name).toObject();
            QVERIFY2(!theirs.isEmpty(), qPrintable(counts.name));
            QCOMPARE(countsOf(counts), countsOf(theirs));
            QCOMPARE(counts.failed, theirs.value(u"failed_ids"_qs).toArray().size());
            QCOMPARE(counts.abandoned, 0);
        }
        QCOMPARE(stats.deadLetterCount, 4);
        QCOMPARE(stats.scheduledCount, 2);
        QCOMPARE(stats.completedCount, 9);
        QCOMPARE(stats.processingCount, 0);
        QVERIFY(stats.pausedQueues().isEmpty());
        for (const QueueStat& queue : stats.queues) {
            QVERIFY(queue.pausable);
            QVERIFY(!queue.states.retry.has_value()); // RQ has no retry set
            if (queue.name == u"qd-parked"_qs) {
                QVERIFY(queue.oldestJobAgeMs);
                QVERIFY(*queue.oldestJobAgeMs >= 0 && *queue.oldestJobAgeMs < 120000);
            } else {
                QVERIFY2(!queue.oldestJobAgeMs, qPrintable(queue.name)); // nothing waits
            }
        }

        // Workers: Worker.all(), with their state, queues, host and pid.
        const QJsonArray theirWorkers = after.value(u"workers"_qs).toArray();
        QCOMPARE(stats.workers.size(), theirWorkers.size());
        QCOMPARE(stats.workerCount, 1);
        QVERIFY(stats.workersComplete);
        for (qsizetype i = 0; i < stats.workers.size(); ++i) {
            const WorkerStat& ours = stats.workers[i];
            const QJsonObject theirs = theirWorkers[i].toObject();
            QCOMPARE(ours.id, theirs.value(u"name"_qs).toString());
            QVERIFY(ours.live());
            QCOMPARE(ours.idle, theirs.value(u"state"_qs).toString() == u"idle"_qs);
            QVERIFY(ours.idle);
            QCOMPARE(ours.currentJobId, theirs.value(u"current_job"_qs).toString());
            QCOMPARE(ours.host, theirs.value(u"hostname"_qs).toString());
            QCOMPARE(ours.pid, theirs.value(u"pid"_qs).toInteger());
            QStringList queues;
            for (const QJsonValue& q : theirs.value(u"queues"_qs).toArray())
                queues.append(q.toString());
            QCOMPARE(ours.queues, queues);
            QCOMPARE(ours.busy, 0);
            QCOMPARE(ours.concurrency, 1);
            QVERIFY(ours.heartbeatAgeMs && *ours.heartbeatAgeMs < 60000);
        }
        QCOMPARE(stats.rateSource, u"counters"_qs);

        // Rates from the worker's counters: three more jobs run between two polls.
        QVERIFY(
            !runPython(*server, {rigDir() + u"/producer.py"_qs, u"qd-high"_qs, u"ok"_qs, u"3"_qs})
                 .isEmpty());
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, u"rq:finished:qd-high"_qs}) == 5;
                    },
                    10000)
            >= 0);
        const ClusterStats second = backend->poll();
        QCOMPARE(second.rateSource, u"counters"_qs);
        QVERIFY(second.ratesKnown);
        QVERIFY(second.jobRate > 0);
        QCOMPARE(second.errorRate, 0.0);

        // A worker restarted under the same name starts its counters again from 0: that is new
        // work, never a negative rate.
        worker.stop();
        Worker restarted;
        QVERIFY(restarted.start(*server));
        QVERIFY(
            !runPython(*server, {rigDir() + u"/producer.py"_qs, u"qd-high"_qs, u"ok"_qs, u"2"_qs})
                 .isEmpty());
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, u"rq:finished:qd-high"_qs}) == 7;
                    },
                    15000)
            >= 0);
        const ClusterStats third = backend->poll();
        QCOMPARE(third.rateSource, u"counters"_qs);
        QVERIFY(third.jobRate > 0);
        restarted.stop();

        // A poll alone changes no key: with the worker stopped nothing else writes.
        worker.stop();
        // A stopped worker unregisters itself (register_death) on its way out; on a loaded
        // machine that can lag the process's exit a little. Poll once RQ itself counts none.
        QVERIFY2(waitFor(
                     [&] {
                         return integerOf(*server, {u"SCARD"_qs, u"rq:workers"_qs}) == 0;
                     },
                     15000)
                >= 0,
            server->cli({u"SMEMBERS"_qs, u"rq:workers"_qs}).constData());
        const ClusterStats quiet = backend->poll();
        QCOMPARE(quiet.workerCount.value_or(-1), 0);
        QCOMPARE(quiet.rateSource, u"list_growth"_qs);
        // One script and INFO in one round trip (the figures in docs/queue-systems/rq.md).
        QCOMPARE(quiet.cost.roundTrips, 1);
        QCOMPARE(quiet.cost.commands, 2);
        qInfo("poll of 3 queues: %lld commands, %lld bytes sent, %lld received, %.2f ms",
            quiet.cost.commands, quiet.cost.bytesSent, quiet.cost.bytesReceived, quiet.latencyMs);
        const QByteArray digest = server->cli({u"DEBUG"_qs, u"DIGEST"_qs});
        for (int i = 0; i < 3; ++i)
            backend->poll();
        QCOMPARE(server->cli({u"DEBUG"_qs, u"DIGEST"_qs}), digest);

        // A started job past its timeout: its worker died holding it. QueueDeck shows it held
        // by an orphan and does not count it as active; RQ's own count would move it to failed.
        cliDb(*server,
            {u"HSET"_qs, u"rq:job:ghostjob"_qs, u"worker_name"_qs, u"ghost"_qs, u"origin"_qs,
                u"qd-default"_qs, u"description"_qs, u"rqrig_jobs.hold(60)"_qs, u"started_at"_qs,
                u"2026-01-02T03:04:05.678901Z"_qs});
        cliDb(*server, {u"ZADD"_qs, u"rq:wip:qd-default"_qs, u"1000"_qs, u"ghostjob"_qs});
        const ClusterStats orphaned = backend->poll();
        QCOMPARE(orphaned.processingCount, 0);
        QCOMPARE(orphaned.orphanedWorkers(), QStringList {u"ghost"_qs});
        QCOMPARE(orphaned.workers.size(), 1);
        QCOMPARE(orphaned.workers[0].jobs.size(), 1);
        QCOMPARE(orphaned.workers[0].jobs[0].id, u"ghostjob"_qs);
        QCOMPARE(orphaned.workers[0].jobs[0].queue, u"qd-default"_qs);
        QCOMPARE(orphaned.workers[0].jobs[0].startedAt,
            QDateTime::fromString(u"2026-01-02T03:04:05.678Z"_qs, Qt::ISODateWithMs));
        for (const rq::QueueCounts& counts : backend->lastCounts()) {
            if (counts.name == u"qd-default"_qs) {
                QCOMPARE(counts.abandoned, 1);
                QCOMPARE(counts.started, 0);
            }
        }
        // RQ's own count drops it from started (its cleanup moves such a job to failed).
        QCOMPARE(oracle(*server)
                     .value(u"queues"_qs)
                     .toObject()
                     .value(u"qd-default"_qs)
                     .toObject()
                     .value(u"started"_qs)
                     .toInteger(),
            0);
    }

    void requeuePurgeClearAndSuspendAgreeWithTheRealWorker()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server));
        QJsonObject view;
        const QJsonObject pushed = pushAndSettle(*server, &view);
        QVERIFY(!pushed.isEmpty());
        const ClusterConfig config = rqCluster(*server);
        auto client = redis::RedisClient::create(config, 2000ms);

        // Requeue failed: with the failing kind fixed, the real worker runs them again and
        // RQ's get_status() follows.
        QStringList failedIds;
        for (const QJsonValue& id :
            pushed.value(u"ids"_qs).toObject().value(u"failed"_qs).toArray())
            failedIds.append(id.toString());
        QCOMPARE(failedIds.size(), 4);
        for (const QJsonValue& status : jobStatuses(*server, failedIds))
            QCOMPARE(status.toString(), u"failed"_qs);
        cliDb(*server, {u"SET"_qs, u"rqrig:fixed"_qs, u"1"_qs});
        const TargetResult requeued = runAction(config, *client, u"requeue_dlq"_qs);
        QVERIFY2(requeued.success, qPrintable(requeued.message));
        QCOMPARE(requeued.details.value(u"requeued"_qs).toInteger(), 4);
        QVERIFY(waitFor(
                    [&] {
                        for (const QJsonValue& s : jobStatuses(*server, failedIds))
                            if (s.toString() != u"finished"_qs)
                                return false;
                        return true;
                    },
                    15000)
            >= 0);
        view = oracle(*server);
        const QJsonObject queues = view.value(u"queues"_qs).toObject();
        QCOMPARE(queues.value(u"qd-default"_qs).toObject().value(u"failed"_qs).toInteger(), 0);
        QCOMPARE(queues.value(u"qd-default"_qs).toObject().value(u"finished"_qs).toInteger(), 10);
        QCOMPARE(queues.value(u"qd-high"_qs).toObject().value(u"failed"_qs).toInteger(), 0);
        QCOMPARE(queues.value(u"qd-high"_qs).toObject().value(u"finished"_qs).toInteger(), 3);

        // Purge failed: new failures, purged; RQ's registries and job lookups agree.
        cliDb(*server, {u"DEL"_qs, u"rqrig:fixed"_qs});
        QStringList fresh;
        for (const QJsonValue& id : runPython(
                 *server, {rigDir() + u"/producer.py"_qs, u"qd-default"_qs, u"fail"_qs, u"2"_qs})
                                        .value(u"ids"_qs)
                                        .toArray())
            fresh.append(id.toString());
        QCOMPARE(fresh.size(), 2);
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, u"rq:failed:qd-default"_qs}) == 2;
                    },
                    10000)
            >= 0);
        const TargetResult purged = runAction(config, *client, u"purge_dlq"_qs);
        QVERIFY2(purged.success, qPrintable(purged.message));
        QCOMPARE(purged.details.value(u"purged"_qs).toInteger(), 2);
        const QJsonObject afterPurge
            = oracle(*server).value(u"queues"_qs).toObject().value(u"qd-default"_qs).toObject();
        QCOMPARE(afterPurge.value(u"failed"_qs).toInteger(), 0);
        QCOMPARE(afterPurge.value(u"failed_ids"_qs).toArray().size(), 0);
        for (const QJsonValue& status : jobStatuses(*server, fresh))
            QVERIFY(status.isNull()); // NoSuchJobError: the hashes are gone

        // Suspend through pause_queue: the confirmation says it holds every worker; the real
        // worker reports suspended and takes nothing more until resumed.
        const QJsonObject queueParameter {{u"queue"_qs, u"qd-default"_qs}};
        QVERIFY2(actiontypes::describe(u"pause_queue"_qs, queueParameter, config, std::nullopt)
                     .contains(u"EVERY RQ worker of this database"_qs),
            qPrintable(
                actiontypes::describe(u"pause_queue"_qs, queueParameter, config, std::nullopt)));
        const TargetResult suspended
            = runAction(config, *client, u"pause_queue"_qs, queueParameter);
        QVERIFY2(suspended.success, qPrintable(suspended.message));
        QVERIFY2(suspended.message.contains(u"every RQ worker of database 3"_qs),
            qPrintable(suspended.message));
        QCOMPARE(oracle(*server).value(u"suspended"_qs).toBool(), true);
        // A worker blocked waiting for a job checks rq:suspended only before its next wait, so
        // it takes one more job first.
        QVERIFY(
            !runPython(*server, {rigDir() + u"/producer.py"_qs, u"qd-high"_qs, u"ok"_qs, u"1"_qs})
                 .isEmpty());
        QVERIFY(waitFor(
                    [&] {
                        const QJsonArray w = oracle(*server).value(u"workers"_qs).toArray();
                        return w.size() == 1
                            && w[0].toObject().value(u"state"_qs).toString() == u"suspended"_qs;
                    },
                    10000)
            >= 0);
        QVERIFY(
            !runPython(*server, {rigDir() + u"/producer.py"_qs, u"qd-high"_qs, u"ok"_qs, u"3"_qs})
                 .isEmpty());
        QTest::qWait(2500);
        QCOMPARE(integerOf(*server, {u"LLEN"_qs, u"rq:queue:qd-high"_qs}), 3);
        QCOMPARE(integerOf(*server, {u"ZCARD"_qs, u"rq:finished:qd-high"_qs}), 4);
        const ClusterConfig pollConfig = rqCluster(*server);
        RqBackend backend(
            pollConfig, redis::RedisClient::create(pollConfig, 2000ms), Clock::system());
        const ClusterStats held = backend.poll();
        QCOMPARE(held.pausedQueues().size(), held.queues.size());
        QCOMPARE(held.workers.size(), 1);
        QVERIFY(held.workers[0].quiet);

        const TargetResult resumed = runAction(config, *client, u"resume_queue"_qs, queueParameter);
        QVERIFY2(resumed.success, qPrintable(resumed.message));
        QCOMPARE(oracle(*server).value(u"suspended"_qs).toBool(), false);
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, u"rq:finished:qd-high"_qs}) == 7;
                    },
                    10000)
            >= 0);
        QCOMPARE(integerOf(*server, {u"LLEN"_qs, u"rq:queue:qd-high"_qs}), 0);

        // A queue that is not in rq:queues is refused, and nothing is suspended.
        const TargetResult missing
            = runAction(config, *client, u"pause_queue"_qs, {{u"queue"_qs, u"nope"_qs}});
        QVERIFY(!missing.success);
        QVERIFY2(missing.message.contains(u"no RQ queue nope"_qs), qPrintable(missing.message));
        QCOMPARE(integerOf(*server, {u"EXISTS"_qs, u"rq:suspended"_qs}), 0);

        // Clear a queue: RQ's count follows, the cleared jobs are gone.
        const TargetResult cleared
            = runAction(config, *client, u"clear_queue"_qs, {{u"queue"_qs, u"qd-parked"_qs}});
        QVERIFY2(cleared.success, qPrintable(cleared.message));
        QCOMPARE(cleared.details.value(u"cleared"_qs).toInteger(), 4);
        QCOMPARE(oracle(*server)
                     .value(u"queues"_qs)
                     .toObject()
                     .value(u"qd-parked"_qs)
                     .toObject()
                     .value(u"queued"_qs)
                     .toInteger(),
            0);
        // As Queue.empty(): each job's hash and dependents set go; the job deferred on the
        // first one stays deferred, as RQ leaves it.
        const QJsonArray parked = pushed.value(u"ids"_qs).toObject().value(u"parked"_qs).toArray();
        QCOMPARE(parked.size(), 4);
        for (const QJsonValue& id : parked) {
            QCOMPARE(integerOf(*server,
                         {u"EXISTS"_qs, u"rq:job:"_qs + id.toString(),
                             u"rq:job:"_qs + id.toString() + u":dependents"_qs}),
                0);
        }
        QCOMPARE(integerOf(*server, {u"ZCARD"_qs, u"rq:deferred:qd-high"_qs}), 1);
    }
};

QTEST_GUILESS_MAIN(TestRqInterop)
#include "TestRqInterop.moc"
