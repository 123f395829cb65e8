// QueueDeck's BullMQ adapter against the real library: a BullMQ 6 worker and producer (the rig
// of this folder, installed by the BullMqRigSetup fixture) on a throwaway Redis, compared with
// what BullMQ's own API reports (oracle.js) at the same moment.
#include "core/config/ClusterConfig.h"
#include "core/queues/QueueSystems.h"
#include "core/queues/bullmq/BullMqBackend.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "support/ChildProcess.h"
#include "support/EngineConfig.h"
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

// Runs one of the rig's scripts to completion and returns its stdout parsed as JSON.
QJsonObject runNode(const RedisServer& server, const QStringList& args)
{
    QProcess node;
    node.setProcessEnvironment(rigEnvironment(server));
    ChildProcess::tieToTestProcess(node);
    node.start(QStringLiteral("node"), args);
    if (!node.waitForFinished(30000) || node.exitCode() != 0) {
        qWarning("node %s: %s", qPrintable(args.join(u' ')), node.readAllStandardError().data());
        return {};
    }
    return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
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

class Worker {
public:
    bool start(const RedisServer& server)
    {
        m_process.setProcessEnvironment(rigEnvironment(server));
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        ChildProcess::tieToTestProcess(m_process);
        m_process.start(QStringLiteral("node"),
            {rigDir() + QStringLiteral("/worker.js"), QStringLiteral("--name"),
                QStringLiteral("qdrig-1")});
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000) {
            m_process.waitForReadyRead(200);
            m_log += m_process.readAll();
            if (m_log.contains("ready qdrig-1"))
                return true;
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        qWarning("worker did not start: %s", m_log.constData());
        return false;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    ~Worker() { stop(); }

private:
    QProcess m_process;
    QByteArray m_log;
};

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
        QCOMPARE(stats.cost.roundTrips, 2); // the first poll discovers the queues too

        // A poll alone changes no key: with the worker stopped nothing else writes.
        worker.stop();
        const ClusterStats quiet = backend->poll();
        QCOMPARE(quiet.cost.roundTrips, 1); // discovery waits for its cadence
        QCOMPARE(quiet.workerCount, 0);
        const QByteArray digest = server->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")});
        const QByteArray keys = server->cli({QStringLiteral("DBSIZE")});
        for (int i = 0; i < 3; ++i)
            backend->poll();
        QCOMPARE(server->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")}), digest);
        QCOMPARE(server->cli({QStringLiteral("DBSIZE")}), keys);
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
    }
};

QTEST_GUILESS_MAIN(TestBullMqInterop)
#include "TestBullMqInterop.moc"
