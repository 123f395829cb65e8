// QueueDeck's BullMQ adapter against the real library: a BullMQ 6 worker and producer (the rig
// of this folder, installed by the BullMqRigSetup fixture) on a throwaway Redis, compared with
// what BullMQ's own API reports (oracle.js) at the same moment.
#include "api/json/ClusterStatsJson.h"
#include "core/actions/ActionRunner.h"
#include "core/config/ClusterConfig.h"
#include "core/health/HealthRules.h"
#include "core/queues/QueueSystems.h"
#include "core/queues/bullmq/BullMqBackend.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "support/ChildProcess.h"
#include "support/EngineConfig.h"
#include "support/InteropSupport.h"
#include "support/RedisCluster.h"
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

QString rigDir()
{
    return qEnvironmentVariable("QD_SOURCE_DIR") + QStringLiteral("/tests/interop/bullmq");
}

QProcessEnvironment rigEnvironment(const RedisServer& server)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://%1/0").arg(server.endpoint()));
    return env;
}

// The rig on a Redis Cluster: ioredis Cluster clients, under this prefix, the queues' names in
// braces when braced.
QProcessEnvironment rigEnvironment(const RedisCluster& cluster, const QString& prefix, bool braced)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REDIS_CLUSTER_NODES"), cluster.seedEndpoints().join(u','));
    env.insert(QStringLiteral("QD_BULLMQ_PREFIX"), prefix);
    env.insert(QStringLiteral("QD_BULLMQ_BRACED"), braced ? QStringLiteral("1") : QString());
    return env;
}

// Runs one of the rig's scripts to completion and returns its stdout parsed as JSON.
QJsonObject runNode(const QProcessEnvironment& env, const QStringList& args)
{
    QProcess node;
    node.setProcessEnvironment(env);
    ChildProcess::tieToTestProcess(node);
    node.start(QStringLiteral("node"), args);
    if (!node.waitForFinished(30000) || node.exitCode() != 0) {
        qWarning("node %s: %s", qPrintable(args.join(u' ')), node.readAllStandardError().data());
        return {};
    }
    return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
}

QJsonObject runNode(const RedisServer& server, const QStringList& args)
{
    return runNode(rigEnvironment(server), args);
}

QJsonObject oracle(const RedisServer& server)
{
    return runNode(server, {rigDir() + QStringLiteral("/oracle.js")});
}

// The adapter's figures in getJobCounts()'s shape.
QJsonObject countsOf(const bullmq::QueueCounts& c)
{
    return {{QStringLiteral("active"), c.active}, {QStringLiteral("completed"), c.completed},
        {QStringLiteral("delayed"), c.delayed}, {QStringLiteral("failed"), c.failed},
        {QStringLiteral("prioritized"), c.prioritized}, {QStringLiteral("waiting"), c.waiting},
        {QStringLiteral("waiting-children"), c.waitingChildren}};
}

// BullMQ's worker (the rig's worker.js), ready once it says so.
class Worker {
public:
    bool start(const RedisServer& server, const QStringList& extra = {})
    {
        return start(rigEnvironment(server), extra);
    }
    bool start(const QProcessEnvironment& env, const QStringList& extra = {})
    {
        return m_process.start(QStringLiteral("node"),
            QStringList {rigDir() + QStringLiteral("/worker.js"), QStringLiteral("--name"),
                QStringLiteral("qdrig-1")}
                + extra,
            env, [](const QByteArray& log) { return log.contains("ready qdrig-1"); });
    }
    void stop() { m_process.stop(); }

private:
    WorkerProcess m_process;
};

// Runs one action type's BullMQ runner against the cluster, as the engine would.
TargetResult runAction(const ClusterConfig& config, redis::RedisClient& client, const QString& type,
    const QJsonObject& parameters = {})
{
    return runTargetAction(QueueSystemType::BullMQ, config, client, type, parameters);
}

qint64 integerOf(const RedisServer& server, const QStringList& command)
{
    return server.cli(command).trimmed().toLongLong();
}

// Waits until the condition holds, polling every 20 ms; returns the milliseconds it took, or
// -1 after timeoutMs.
template <typename Condition>
qint64 waitFor(Condition condition, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        if (condition())
            return waited.elapsed();
        QTest::qWait(20);
    }
    return -1;
}

} // namespace

class TestBullMqInterop : public QObject {
    Q_OBJECT

private slots:
    void countsWorkersAndPausedEqualBullMqsOwnApi()
    {
        QString error;
        RedisServerOptions options;
        options.extraConfig = {QStringLiteral("enable-debug-command local")};
        auto server = RedisServer::start(options, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server));

        const QJsonObject pushed = runNode(*server, {rigDir() + QStringLiteral("/producer.js")});
        const QJsonObject expected = pushed.value(QStringLiteral("expected")).toObject();
        QVERIFY2(!expected.isEmpty(), "the producer failed");

        // The workload settles: the worker has finished (or failed for good) every job it can.
        QJsonObject before;
        QElapsedTimer waited;
        waited.start();
        bool settled = false;
        while (!settled && waited.elapsed() < 30000) {
            before = oracle(*server);
            settled = true;
            for (auto q = expected.begin(); q != expected.end(); ++q)
                settled = settled
                    && before.value(q.key()).toObject().value(QStringLiteral("counts")) == *q;
            if (!settled)
                QTest::qWait(200);
        }
        QVERIFY2(settled, QJsonDocument(before).toJson().constData());

        ClusterConfig config = clusterFor(QStringLiteral("bull"), server->endpoint());
        config.queueSystem.type = QueueSystemType::BullMQ;
        auto backend = std::dynamic_pointer_cast<BullMqBackend>(createQueueBackend(
            config, redis::RedisClient::create(config, 2000ms), Clock::system()));
        QVERIFY(backend);
        const ClusterStats stats = backend->poll();
        const QJsonObject after = oracle(*server);
        // Nothing moves once settled, so the two readings bracket the poll.
        QCOMPARE(after, before);

        QCOMPARE(stats.system, QStringLiteral("bullmq"));
        QCOMPARE(stats.rateSource, QStringLiteral("finished_scores"));
        QCOMPARE(backend->lastCounts().size(), expected.size());
        qint64 failed = 0;
        qint64 delayed = 0;
        for (const bullmq::QueueCounts& counts : backend->lastCounts()) {
            const QJsonObject theirs = after.value(counts.name).toObject();
            QVERIFY2(!theirs.isEmpty(), qPrintable(counts.name));
            QCOMPARE(countsOf(counts), theirs.value(QStringLiteral("counts")).toObject());
            QCOMPARE(counts.paused, theirs.value(QStringLiteral("paused")).toBool());
            failed += counts.failed;
            delayed += counts.delayed;
        }
        QCOMPARE(stats.deadLetterCount, failed);
        QCOMPARE(stats.scheduledCount, delayed);
        QCOMPARE(stats.pausedQueues(), QStringList {QStringLiteral("qd-halted")});
        // Every finished job of the workload finished within the rate window.
        QVERIFY(stats.jobRate > 0);
        QVERIFY(stats.errorRate > 0 && stats.errorRate < 1);
        for (const QueueStat& queue : stats.queues) {
            if (queue.name == QStringLiteral("qd-main")) {
                QVERIFY(!queue.oldestJobAgeMs); // nothing waits
            } else {
                QVERIFY2(queue.oldestJobAgeMs, qPrintable(queue.name));
                QVERIFY(*queue.oldestJobAgeMs >= 0 && *queue.oldestJobAgeMs < 120000);
            }
        }

        // Workers: the connections getWorkers() lists, per queue.
        QStringList theirWorkers;
        for (auto q = after.begin(); q != after.end(); ++q) {
            for (const QJsonValue& name : q->toObject().value(QStringLiteral("workers")).toArray())
                theirWorkers.append(name.toString());
        }
        QStringList ours;
        for (const WorkerStat& w : stats.workers) {
            ours.append(w.id);
            QCOMPARE(w.queues, QStringList {QStringLiteral("qd-main")});
            QVERIFY(w.live());
        }
        theirWorkers.sort();
        QCOMPARE(ours, theirWorkers);
        QCOMPARE(stats.workerCount, 1);
        QVERIFY(stats.workersComplete);
        // The first poll discovers the queues too, and sends the oldest-job script's text once
        // after EVALSHA found it missing.
        QCOMPARE(stats.cost.roundTrips, 3);

        // A poll alone changes no key: with the worker stopped nothing else writes.
        worker.stop();
        // A discovery that came due while the worker stopped (a loaded machine can take the
        // cadence's 10 s) is made by this poll, so the next one is a plain poll.
        backend->poll();
        const ClusterStats quiet = backend->poll();
        QCOMPARE(quiet.cost.roundTrips, 1); // discovery waits for its cadence
        // 14 reads per queue, CLIENT LIST and INFO (the figures in docs/queue-systems/bullmq.md).
        QCOMPARE(quiet.cost.commands, 3 * 14 + 2);
        qInfo("poll of 3 queues: %lld commands, %lld bytes sent, %lld received, %.2f ms",
            quiet.cost.commands, quiet.cost.bytesSent, quiet.cost.bytesReceived, quiet.latencyMs);
        QCOMPARE(quiet.workerCount, 0);
        const QByteArray digest = server->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")});
        const QByteArray keys = server->cli({QStringLiteral("DBSIZE")});
        for (int i = 0; i < 3; ++i)
            backend->poll();
        QCOMPARE(server->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")}), digest);
        QCOMPARE(server->cli({QStringLiteral("DBSIZE")}), keys);
    }

    void pauseRequeueAndPurgeAgreeWithTheRealWorker()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server));
        const QJsonObject pushed = runNode(*server,
            {rigDir() + QStringLiteral("/producer.js"), QStringLiteral("--fail"),
                QStringLiteral("4")});
        QVERIFY(!pushed.isEmpty());
        const QString mainQueue = QStringLiteral("qd-main");
        const auto key = [&](const char* suffix) -> QString {
            return QStringLiteral("bull:qd-main:") + QLatin1String(suffix);
        };
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, key("failed")}) == 4;
                    },
                    30000)
            >= 0);
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, key("completed")}) == 8;
                    },
                    30000)
            >= 0);

        ClusterConfig config = clusterFor(QStringLiteral("bull"), server->endpoint());
        config.queueSystem.type = QueueSystemType::BullMQ;
        auto client = redis::RedisClient::create(config, 2000ms);

        // Pause: BullMQ reports it, and the real worker takes nothing new.
        const QJsonObject queueParameter {{QStringLiteral("queue"), mainQueue}};
        TargetResult paused = runAction(config, *client, u"pause_queue"_qs, queueParameter);
        QVERIFY2(paused.success, qPrintable(paused.message));
        QCOMPARE(oracle(*server).value(mainQueue).toObject().value(u"paused"_qs).toBool(), true);
        QVERIFY(
            !runNode(*server, {rigDir() + u"/add.js"_qs, mainQueue, u"ok"_qs, u"3"_qs}).isEmpty());
        QTest::qWait(1500);
        QCOMPARE(integerOf(*server, {u"LLEN"_qs, key("wait")}), 3);
        QCOMPARE(integerOf(*server, {u"ZCARD"_qs, key("completed")}), 8);

        // Resume: the worker, idle on its marker, takes the jobs within a second.
        TargetResult resumed = runAction(config, *client, u"resume_queue"_qs, queueParameter);
        QVERIFY2(resumed.success, qPrintable(resumed.message));
        QCOMPARE(oracle(*server).value(mainQueue).toObject().value(u"paused"_qs).toBool(), false);
        const qint64 tookMs = waitFor(
            [&] {
                return integerOf(*server, {u"ZCARD"_qs, key("completed")}) == 11;
            },
            5000);
        QVERIFY2(tookMs >= 0 && tookMs < 1000, qPrintable(QString::number(tookMs)));

        // A queue that does not exist is refused, not created.
        TargetResult missing = runAction(
            config, *client, u"pause_queue"_qs, {{QStringLiteral("queue"), u"nope"_qs}});
        QVERIFY(!missing.success);
        QVERIFY2(missing.message.contains(u"no BullMQ queue nope"_qs), qPrintable(missing.message));
        QCOMPARE(integerOf(*server, {u"EXISTS"_qs, u"bull:nope:meta"_qs}), 0);

        // Requeue failed: with the failing kind fixed, the real worker runs them to completion
        // and BullMQ's getState() follows.
        const QStringList failedIds = [&] {
            QStringList ids;
            const QJsonArray failed
                = runNode(*server, {rigDir() + u"/oracle.js"_qs, u"--failed"_qs, mainQueue})
                      .value(u"failed"_qs)
                      .toArray();
            for (const QJsonValue& job : failed) {
                ids.append(job.toObject().value(u"id"_qs).toString());
                if (job.toObject().value(u"state"_qs).toString() != u"failed"_qs)
                    return QStringList();
            }
            return ids;
        }();
        QCOMPARE(failedIds.size(), 4);
        server->cli({u"SET"_qs, u"qdrig:fixed"_qs, u"1"_qs});
        // One of them gets a priority, so that it goes to prioritized, not wait.
        server->cli(
            {u"HSET"_qs, QStringLiteral("bull:qd-main:") + failedIds[0], u"priority"_qs, u"5"_qs});
        // With a limit, the oldest failure goes first and the others stay failed.
        const QByteArray oldest
            = server->cli({u"ZRANGE"_qs, key("failed"), u"0"_qs, u"0"_qs}).trimmed();
        TargetResult first
            = runAction(config, *client, u"requeue_dlq"_qs, {{QStringLiteral("limit"), 1}});
        QVERIFY2(first.success, qPrintable(first.message));
        QCOMPARE(first.details.value(u"requeued"_qs).toInteger(), 1);
        QCOMPARE(integerOf(*server, {u"ZSCORE"_qs, key("failed"), QString::fromUtf8(oldest)}), 0);
        QCOMPARE(integerOf(*server, {u"ZCARD"_qs, key("failed")}), 3);
        TargetResult requeued = runAction(config, *client, u"requeue_dlq"_qs);
        QVERIFY2(requeued.success, qPrintable(requeued.message));
        QCOMPARE(requeued.details.value(u"requeued"_qs).toInteger(), 3);
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, key("completed")}) == 15;
                    },
                    5000)
            >= 0);
        const QJsonObject counts
            = oracle(*server).value(mainQueue).toObject().value(u"counts"_qs).toObject();
        QCOMPARE(counts.value(u"failed"_qs).toInteger(), 0);
        QCOMPARE(counts.value(u"waiting"_qs).toInteger(), 0);
        QCOMPARE(counts.value(u"prioritized"_qs).toInteger(), 0);
        for (const QString& id : failedIds) {
            QCOMPARE(
                server->cli({u"HGET"_qs, QStringLiteral("bull:qd-main:") + id, u"failedReason"_qs}),
                QByteArray());
            QVERIFY(
                !server->cli({u"HGET"_qs, QStringLiteral("bull:qd-main:") + id, u"returnvalue"_qs})
                     .isEmpty());
        }
        const QByteArray events = server->cli(
            {u"XREVRANGE"_qs, key("events"), u"+"_qs, u"-"_qs, u"COUNT"_qs, u"200"_qs});
        QVERIFY2(events.contains("prev\nfailed"), events.constData()); // "waiting", prev "failed"

        // Purge failed: new failures, purged; getJobCounts and getJobs agree, the hashes are gone.
        server->cli({u"DEL"_qs, u"qdrig:fixed"_qs});
        const QJsonArray fresh
            = runNode(*server, {rigDir() + u"/add.js"_qs, mainQueue, u"fail"_qs, u"2"_qs})
                  .value(u"ids"_qs)
                  .toArray();
        QCOMPARE(fresh.size(), 2);
        QVERIFY(waitFor(
                    [&] {
                        return integerOf(*server, {u"ZCARD"_qs, key("failed")}) == 2;
                    },
                    10000)
            >= 0);
        TargetResult purged = runAction(config, *client, u"purge_dlq"_qs);
        QVERIFY2(purged.success, qPrintable(purged.message));
        QCOMPARE(purged.details.value(u"purged"_qs).toInteger(), 2);
        QCOMPARE(oracle(*server)
                     .value(mainQueue)
                     .toObject()
                     .value(u"counts"_qs)
                     .toObject()
                     .value(u"failed"_qs)
                     .toInteger(),
            0);
        QCOMPARE(runNode(*server, {rigDir() + u"/oracle.js"_qs, u"--failed"_qs, mainQueue})
                     .value(u"failed"_qs)
                     .toArray()
                     .size(),
            0);
        for (const QJsonValue& id : fresh)
            QCOMPARE(
                integerOf(*server, {u"EXISTS"_qs, QStringLiteral("bull:qd-main:") + id.toString()}),
                0);

        // A flow job is left alone, with a message saying so.
        server->cli({u"HSET"_qs, u"bull:qd-main:flowjob"_qs, u"name"_qs, u"fail"_qs,
            u"parentKey"_qs, u"bull:other:1"_qs});
        server->cli({u"ZADD"_qs, key("failed"), u"1"_qs, u"flowjob"_qs});
        TargetResult flow = runAction(config, *client, u"requeue_dlq"_qs);
        QVERIFY2(flow.message.contains(u"flows left alone"_qs), qPrintable(flow.message));
        QCOMPARE(flow.details.value(u"requeued"_qs).toInteger(), 0);
        QCOMPARE(integerOf(*server, {u"ZCARD"_qs, key("failed")}), 1);
    }

    void redisClusterIsReadAndSteered_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<bool>("braced");
        QTest::newRow("hash-tagged prefix") << QStringLiteral("{qd}") << false;
        QTest::newRow("queue names in braces") << QStringLiteral("bull") << true;
    }
    void redisClusterIsReadAndSteered()
    {
        QFETCH(QString, prefix);
        QFETCH(bool, braced);
        QString error;
        auto cluster = RedisCluster::start(3, 0, &error);
        QVERIFY2(cluster, qPrintable(error));
        const QProcessEnvironment env = rigEnvironment(*cluster, prefix, braced);
        const auto name = [&](const char* queue) {
            const QString plain = QString::fromLatin1(queue);
            return braced ? u'{' + plain + u'}' : plain;
        };
        const QString mainQueue = name("qd-main");
        const auto key = [&](const QString& queue, const char* suffix) {
            return (prefix + u':' + queue + u':' + QLatin1String(suffix)).toUtf8();
        };

        Worker worker;
        QVERIFY(worker.start(env));
        const QJsonObject pushed = runNode(env,
            {rigDir() + QStringLiteral("/producer.js"), QStringLiteral("--fail"),
                QStringLiteral("2")});
        const QJsonObject expected = pushed.value(QStringLiteral("expected")).toObject();
        QVERIFY2(!expected.isEmpty(), "the producer failed");
        QStringList queueNames = expected.keys();

        ClusterConfig config = clusterFor(QStringLiteral("bull-cluster"), {});
        config.mode = ClusterMode::Cluster;
        config.endpoint = cluster->seedEndpoints().first();
        config.seeds = cluster->seedEndpoints().mid(1);
        config.queueSystem.type = QueueSystemType::BullMQ;
        config.queueSystem.bullmqPrefix = prefix;
        std::shared_ptr<redis::RedisClient> client = redis::RedisClient::create(config, 2000ms);
        const auto integer = [&](const QByteArray& k, const char* command) {
            return client->command(redis::Command {command, k}).toInteger();
        };

        QJsonObject theirs;
        QElapsedTimer waited;
        waited.start();
        bool settled = false;
        while (!settled && waited.elapsed() < 30000) {
            theirs = runNode(env, {rigDir() + QStringLiteral("/oracle.js")});
            settled = true;
            for (auto q = expected.begin(); q != expected.end(); ++q)
                settled = settled
                    && theirs.value(q.key()).toObject().value(QStringLiteral("counts")) == *q;
            if (!settled)
                QTest::qWait(200);
        }
        QVERIFY2(settled, QJsonDocument(theirs).toJson().constData());

        auto backend = std::dynamic_pointer_cast<BullMqBackend>(
            createQueueBackend(config, client, Clock::system()));
        QVERIFY(backend);
        const ClusterStats stats = backend->poll();
        QCOMPARE(runNode(env, {rigDir() + QStringLiteral("/oracle.js")}), theirs);
        QCOMPARE(stats.server.masters, 3);
        QCOMPARE(backend->lastCounts().size(), queueNames.size());
        for (const bullmq::QueueCounts& counts : backend->lastCounts()) {
            const QJsonObject queue = theirs.value(counts.name).toObject();
            QVERIFY2(!queue.isEmpty(), qPrintable(counts.name));
            QCOMPARE(countsOf(counts), queue.value(QStringLiteral("counts")).toObject());
            QCOMPARE(counts.paused, queue.value(QStringLiteral("paused")).toBool());
        }
        QCOMPARE(stats.pausedQueues(), QStringList {name("qd-halted")});
        QStringList theirWorkers;
        for (const QJsonValue& w :
            theirs.value(mainQueue).toObject().value(QStringLiteral("workers")).toArray())
            theirWorkers.append(w.toString());
        QStringList ours;
        for (const WorkerStat& w : stats.workers)
            ours.append(w.id);
        QVERIFY(!theirWorkers.isEmpty());
        QCOMPARE(ours, theirWorkers);
        // Once discovered, one round trip per master (the first poll takes any discovery that
        // came due meanwhile).
        backend->poll();
        QCOMPARE(backend->poll().cost.roundTrips, 3);

        // Pause and resume through QueueDeck stop and restart the real worker.
        const QJsonObject queueParameter {{QStringLiteral("queue"), mainQueue}};
        TargetResult paused = runAction(config, *client, u"pause_queue"_qs, queueParameter);
        QVERIFY2(paused.success, qPrintable(paused.message));
        QVERIFY(runNode(env, {rigDir() + u"/oracle.js"_qs, mainQueue})
                    .value(mainQueue)
                    .toObject()
                    .value(u"paused"_qs)
                    .toBool());
        const qint64 completed = integer(key(mainQueue, "completed"), "ZCARD");
        QVERIFY(!runNode(env, {rigDir() + u"/add.js"_qs, mainQueue, u"ok"_qs, u"3"_qs}).isEmpty());
        QTest::qWait(1500);
        QCOMPARE(integer(key(mainQueue, "wait"), "LLEN"), 3);
        QCOMPARE(integer(key(mainQueue, "completed"), "ZCARD"), completed);
        TargetResult resumed = runAction(config, *client, u"resume_queue"_qs, queueParameter);
        QVERIFY2(resumed.success, qPrintable(resumed.message));
        const qint64 tookMs = waitFor(
            [&] { return integer(key(mainQueue, "completed"), "ZCARD") == completed + 3; }, 5000);
        QVERIFY2(tookMs >= 0 && tookMs < 1000, qPrintable(QString::number(tookMs)));

        // Requeue failed: the real worker runs them again, to completion once fixed.
        QCOMPARE(integer(key(mainQueue, "failed"), "ZCARD"), 2);
        client->command(redis::Command {"SET", "qdrig:fixed", "1"});
        TargetResult requeued = runAction(config, *client, u"requeue_dlq"_qs);
        QVERIFY2(requeued.success, qPrintable(requeued.message));
        QCOMPARE(requeued.details.value(u"requeued"_qs).toInteger(), 2);
        QVERIFY(
            waitFor([&] { return integer(key(mainQueue, "completed"), "ZCARD") == completed + 5; },
                5000)
            >= 0);
        const QJsonObject after = runNode(env, {rigDir() + u"/oracle.js"_qs, mainQueue});
        QCOMPARE(after.value(mainQueue)
                     .toObject()
                     .value(u"counts"_qs)
                     .toObject()
                     .value(u"failed"_qs)
                     .toInteger(),
            0);
        backend->poll();
        for (const bullmq::QueueCounts& counts : backend->lastCounts()) {
            if (counts.name == mainQueue)
                QCOMPARE(countsOf(counts),
                    after.value(mainQueue).toObject().value(u"counts"_qs).toObject());
        }
    }

    void ratesComeFromMetricsWhenTheWorkersCollectThem()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        Worker worker;
        QVERIFY(worker.start(*server, {QStringLiteral("--metrics"), QStringLiteral("60")}));
        const QJsonObject pushed = runNode(*server, {rigDir() + QStringLiteral("/producer.js")});
        const QJsonObject expected = pushed.value(QStringLiteral("expected")).toObject();
        QVERIFY2(!expected.isEmpty(), "the producer failed");
        const QString mainQueue = QStringLiteral("qd-main");
        QJsonObject theirs;
        QVERIFY(waitFor(
                    [&] {
                        theirs = oracle(*server);
                        return theirs.value(mainQueue).toObject().value(u"counts"_qs)
                            == expected.value(mainQueue);
                    },
                    30000)
            >= 0);

        ManualClock clock;
        ClusterConfig config = clusterFor(QStringLiteral("bull"), server->endpoint());
        config.queueSystem.type = QueueSystemType::BullMQ;
        BullMqBackend backend(config, redis::RedisClient::create(config, 2000ms), clock);
        const ClusterStats first = backend.poll();
        const QJsonObject metrics
            = theirs.value(mainQueue).toObject().value(u"metrics"_qs).toObject();
        QVERIFY(metrics.value(u"completed"_qs).toInteger() > 0);
        for (const bullmq::QueueCounts& counts : backend.lastCounts()) {
            if (counts.name != mainQueue)
                continue;
            QCOMPARE(
                counts.metricsCompleted.value_or(-1), metrics.value(u"completed"_qs).toInteger());
            QCOMPARE(counts.metricsFailed.value_or(0), metrics.value(u"failed"_qs).toInteger());
        }
        // The other queues have no worker collecting metrics: their own source, so "mixed".
        QCOMPARE(first.rateSource, QStringLiteral("mixed"));
        for (const QueueStat& queue : first.queues)
            QCOMPARE(
                queue.rateSource, queue.name == mainQueue ? u"metrics"_qs : u"finished_scores"_qs);
        QVERIFY(!first.ratesKnown); // a counter needs two polls
        QCOMPARE(api::clusterStatsToJson(first)
                     .value(u"queues"_qs)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"rate_source"_qs)
                     .toString(),
            first.queues.at(0).rateSource);

        // Six more jobs, 10 s apart on QueueDeck's clock: 0.6 jobs/s from the counters alone
        // (the finish-time scores of metrics queues are not counted twice).
        QVERIFY(
            !runNode(*server, {rigDir() + u"/add.js"_qs, mainQueue, u"ok"_qs, u"6"_qs}).isEmpty());
        QVERIFY(waitFor(
                    [&] {
                        return oracle(*server)
                                   .value(mainQueue)
                                   .toObject()
                                   .value(u"metrics"_qs)
                                   .toObject()
                                   .value(u"completed"_qs)
                                   .toInteger()
                            == metrics.value(u"completed"_qs).toInteger() + 6;
                    },
                    10000)
            >= 0);
        clock.advance(10s);
        const ClusterStats second = backend.poll();
        QVERIFY(second.ratesKnown);
        QCOMPARE(second.jobRate, 0.6);
        QCOMPARE(second.errorRate, 0.0);
    }

    void oldQueuesAndIdGrowth()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        // A queue of an old BullMQ: no meta hash, found by its id counter.
        server->cli({u"SET"_qs, u"bull:legacy:id"_qs, u"2"_qs});
        server->cli({u"LPUSH"_qs, u"bull:legacy:wait"_qs, u"1"_qs, u"2"_qs});
        // A queue whose finished jobs are removed: fewer jobs than ids handed out.
        server->cli({u"HSET"_qs, u"bull:lean:meta"_qs, u"opts.maxLenEvents"_qs, u"100"_qs});
        server->cli({u"SET"_qs, u"bull:lean:id"_qs, u"40"_qs});
        ManualClock clock;
        ClusterConfig config = clusterFor(QStringLiteral("bull"), server->endpoint());
        config.queueSystem.type = QueueSystemType::BullMQ;
        BullMqBackend backend(config, redis::RedisClient::create(config, 2000ms), clock);
        const ClusterStats first = backend.poll();
        QCOMPARE(first.queues.size(), 2);
        QCOMPARE(first.queues[0].name, u"lean"_qs);
        QCOMPARE(first.queues[0].rateSource, u"id_growth"_qs);
        QCOMPARE(first.queues[1].name, u"legacy"_qs);
        QCOMPARE(first.queues[1].length, 2);
        QCOMPARE(first.queues[1].rateSource, u"finished_scores"_qs); // its jobs are all there
        QCOMPARE(first.rateSource, u"mixed"_qs);
        server->cli({u"INCRBY"_qs, u"bull:lean:id"_qs, u"20"_qs});
        clock.advance(10s);
        const ClusterStats second = backend.poll();
        QVERIFY(second.ratesKnown);
        QCOMPARE(second.jobRate, 2.0);
    }

    void refusedClientListMeansWorkersUnknown()
    {
        QString error;
        RedisServerOptions options;
        options.extraConfig = {QStringLiteral("rename-command CLIENT \"\"")};
        auto server = RedisServer::start(options, &error);
        QVERIFY2(server, qPrintable(error));
        server->cli({QStringLiteral("HSET"), QStringLiteral("bull:q1:meta"),
            QStringLiteral("opts.maxLenEvents"), QStringLiteral("10000")});
        server->cli({QStringLiteral("LPUSH"), QStringLiteral("bull:q1:wait"), QStringLiteral("1")});
        ClusterConfig config = clusterFor(QStringLiteral("bull"), server->endpoint());
        config.queueSystem.type = QueueSystemType::BullMQ;
        BullMqBackend backend(config, redis::RedisClient::create(config, 2000ms), Clock::system());
        const ClusterStats stats = backend.poll();
        QCOMPARE(stats.queues.size(), 1);
        QCOMPARE(stats.queues[0].length, 1);
        QVERIFY(!stats.workersComplete);
        QVERIFY(stats.workers.isEmpty());
        // Unknown, never 0: the API writes null and the no-live-workers rule has no evidence.
        QVERIFY(!stats.workerCount.has_value());
        QVERIFY(api::clusterStatsToJson(stats).value(u"worker_count"_qs).isNull());
        QVERIFY(!healthrules::noLiveWorkers(stats).has_value());
    }
};

QTEST_GUILESS_MAIN(TestBullMqInterop)
#include "TestBullMqInterop.moc"
