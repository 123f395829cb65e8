// The queuedeck-loadgen executable: its command line, --config, the stats lines, and what
// SIGTERM leaves behind with and without --abandon-on-exit.

#include "LoadgenTestSupport.h"
#include "loadgen/OptionParser.h"
#include "support/RedisServer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using qd::loadgen::OptionParser;
using qd::test::LoadgenProbe;
using qd::test::RedisServer;

class TestLoadgenCli final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void runsForADurationAndPrintsJson();
    void readsTheClusterFromQueueDecksConfig();
    void sigtermHandsJobsBack();
    void sigtermWithAbandonLeavesOrphans();
    void badCommandLinesExitWithTwo_data();
    void badCommandLinesExitWithTwo();
    void parsesEveryOption();
    void cleanupTestCase();

private:
    std::unique_ptr<QProcess> launch(const QStringList& args) const;
    QStringList endpointArgs() const { return {u"--endpoint"_s, m_server->endpoint()}; }

    QString m_binary;
    std::unique_ptr<RedisServer> m_server;
    std::unique_ptr<LoadgenProbe> m_redis;
};

void TestLoadgenCli::initTestCase()
{
    m_binary = qEnvironmentVariable("QD_LOADGEN");
    QVERIFY2(QFileInfo(m_binary).isExecutable(),
        "QD_LOADGEN must name the queuedeck-loadgen binary (build that target first)");
    QString error;
    m_server = RedisServer::start({}, &error);
    QVERIFY2(m_server, qPrintable(error));
    m_redis = std::make_unique<LoadgenProbe>(m_server.get());
}

void TestLoadgenCli::init()
{
    QCOMPARE(m_redis->run({u"FLUSHALL"_s}), QByteArrayLiteral("OK"));
}

std::unique_ptr<QProcess> TestLoadgenCli::launch(const QStringList& args) const
{
    auto process = std::make_unique<QProcess>();
    process->start(m_binary, args);
    if (!process->waitForStarted(5000))
        return nullptr;
    return process;
}

void TestLoadgenCli::runsForADurationAndPrintsJson()
{
    auto process = launch(endpointArgs()
        + QStringList {u"--rate"_s, u"100"_s, u"--workers"_s, u"2"_s, u"--job-duration"_s,
            u"1ms..3ms"_s, u"--duration"_s, u"2s"_s, u"--stats-interval"_s, u"500ms"_s,
            u"--json"_s});
    QVERIFY(process);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
    const QByteArrayList lines = process->readAllStandardOutput().trimmed().split('\n');
    QVERIFY2(lines.size() >= 4, lines.join('\n').constData());
    QJsonObject last;
    for (const QByteArray& line : lines) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        QVERIFY2(document.isObject(), line.constData());
        last = document.object();
    }
    QVERIFY(last.value(u"final"_s).toBool());
    const qint64 produced = last.value(u"produced"_s).toInteger();
    QVERIFY2(produced >= 180 && produced <= 220, qPrintable(QString::number(produced)));
    const QJsonObject byQueue = last.value(u"produced_by_queue"_s).toObject();
    QCOMPARE(byQueue.value(u"high"_s).toInteger() + byQueue.value(u"low"_s).toInteger(), produced);
    QCOMPARE(last.value(u"completed"_s).toInteger(), m_redis->llen(u"jobqueue:completed"_s));
    QCOMPARE(last.value(u"errors"_s).toInteger(), 0);
}

void TestLoadgenCli::readsTheClusterFromQueueDecksConfig()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"config.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QJsonObject cluster {{u"name"_s, u"demo"_s}, {u"label"_s, u"Demo"_s},
        {u"color"_s, u"green"_s}, {u"endpoint"_s, m_server->endpoint()},
        {u"queue_system"_s,
            QJsonObject {
                {u"queues"_s,
                    QJsonObject {{u"urgent"_s, u"demo:urgent"_s}, {u"bulk"_s, u"demo:bulk"_s}}},
                {u"completed"_s, u"demo:done"_s}, {u"dead_letter"_s, u"demo:dlq"_s},
                {u"processing_pattern"_s, u"demo:worker:*:processing"_s},
                {u"heartbeat_pattern"_s, u"demo:processing:worker:*"_s},
                {u"pause_prefix"_s, u"demo:paused:"_s}, {u"max_retries"_s, 0}}}};
    const QJsonObject root {
        {u"clusters"_s, QJsonArray {cluster}}, {u"default_cluster"_s, u"demo"_s}};
    file.write(QJsonDocument(root).toJson());
    file.close();

    auto process = launch(
        {u"--config"_s, path, u"--cluster"_s, u"demo"_s, u"--rate"_s, u"urgent=20,bulk=40"_s,
            u"--workers"_s, u"2"_s, u"--job-duration"_s, u"1ms"_s, u"--failure-ratio"_s, u"0.5"_s,
            u"--duration"_s, u"1500ms"_s, u"--stats-interval"_s, u"0"_s});
    QVERIFY(process);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitCode(), 0);
    const QByteArray out = process->readAllStandardOutput();
    QVERIFY2(out.startsWith("final "), out.constData());
    QVERIFY(m_redis->llen(u"demo:done"_s) > 0);
    QVERIFY(m_redis->llen(u"demo:dlq"_s) > 0);
    QCOMPARE(m_redis->keys(u"jobqueue:*"_s), QByteArrayList {});
    // max_retries 0 from the config: a failure is buried at once.
    for (const QByteArray& payload : m_redis->lrange(u"demo:dlq"_s))
        QCOMPARE(QJsonDocument::fromJson(payload).object().value(u"retries"_s).toInteger(), 1);
}

void TestLoadgenCli::sigtermHandsJobsBack()
{
    auto process = launch(endpointArgs()
        + QStringList {u"--rate"_s, u"20"_s, u"--workers"_s, u"2"_s, u"--job-duration"_s, u"20s"_s,
            u"--stats-interval"_s, u"0"_s});
    QVERIFY(process);
    QTRY_COMPARE(m_redis->keys(u"jobqueue:worker:*:processing"_s).size(), 2);
    QElapsedTimer stopping;
    stopping.start();
    ::kill(static_cast<pid_t>(process->processId()), SIGTERM);
    QVERIFY(process->waitForFinished(5000));
    QVERIFY(stopping.elapsed() < 2000);
    QCOMPARE(process->exitCode(), 0);
    QCOMPARE(m_redis->keys(u"jobqueue:worker:*"_s), QByteArrayList {});
    QCOMPARE(m_redis->keys(u"jobqueue:processing:*"_s), QByteArrayList {});
    const QByteArray out = process->readAllStandardOutput();
    QVERIFY2(out.contains("handed_back=2"), out.constData());
}

void TestLoadgenCli::sigtermWithAbandonLeavesOrphans()
{
    auto process = launch(endpointArgs()
        + QStringList {u"--rate"_s, u"20"_s, u"--workers"_s, u"2"_s, u"--job-duration"_s, u"20s"_s,
            u"--heartbeat-ttl"_s, u"1s"_s, u"--abandon-on-exit"_s, u"--stats-interval"_s, u"0"_s});
    QVERIFY(process);
    QTRY_COMPARE(m_redis->keys(u"jobqueue:worker:*:processing"_s).size(), 2);
    ::kill(static_cast<pid_t>(process->processId()), SIGTERM);
    QVERIFY(process->waitForFinished(5000));
    QCOMPARE(process->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_redis->keys(u"jobqueue:processing:worker:*"_s), QByteArrayList {}, 2000);
    const QByteArrayList orphans = m_redis->keys(u"jobqueue:worker:*:processing"_s);
    QCOMPARE(orphans.size(), 2);
    for (const QByteArray& key : orphans)
        QCOMPARE(m_redis->llen(QString::fromUtf8(key)), 1);
}

void TestLoadgenCli::badCommandLinesExitWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no target") << QStringList {} << u"--endpoint"_s;
    QTest::newRow("both targets") << QStringList {u"--endpoint"_s, u"x:1"_s, u"--config"_s,
        u"c.json"_s} << u"either"_s;
    QTest::newRow("ratio") << QStringList {u"--endpoint"_s, u"x:1"_s, u"--failure-ratio"_s, u"2"_s}
                           << u"--failure-ratio"_s;
    QTest::newRow("bare number duration") << QStringList {u"--endpoint"_s, u"x:1"_s,
        u"--job-duration"_s, u"50"_s} << u"--job-duration"_s;
    QTest::newRow("unknown queue") << QStringList {u"--endpoint"_s, u"x:1"_s, u"--queues"_s,
        u"default:1"_s} << u"unknown queue"_s;
    QTest::newRow("untagged cluster")
        << QStringList {u"--endpoint"_s, u"x:1"_s, u"--mode"_s, u"cluster"_s} << u"hash slot"_s;
    QTest::newRow("missing config")
        << QStringList {u"--config"_s, u"/nonexistent/queuedeck.json"_s} << u"nonexistent"_s;
}

void TestLoadgenCli::badCommandLinesExitWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    auto process = launch(args);
    QVERIFY(process);
    QVERIFY(process->waitForFinished(5000));
    QCOMPARE(process->exitCode(), 2);
    const QString err = QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

void TestLoadgenCli::parsesEveryOption()
{
    OptionParser parser;
    QCOMPARE(parser.parse({u"loadgen"_s, u"--endpoint"_s, u"rediss://user:pw@10.0.0.1:7000/2"_s,
                 u"--mode"_s, u"cluster"_s, u"--key-prefix"_s, u"{jobs}"_s, u"--queues"_s,
                 u"high:1,low:3"_s, u"--rate"_s, u"250"_s, u"--producers"_s, u"3"_s, u"--workers"_s,
                 u"8"_s, u"--job-duration"_s, u"20ms..1s"_s, u"--failure-ratio"_s, u"0.05"_s,
                 u"--max-retries"_s, u"5"_s, u"--heartbeat-ttl"_s, u"10s"_s, u"--block-timeout"_s,
                 u"1s"_s, u"--duration"_s, u"1m30s"_s, u"--stats-interval"_s, u"0"_s, u"--json"_s,
                 u"--abandon-on-exit"_s, u"--seed"_s, u"9"_s, u"--tls-ca"_s, u"/ca.pem"_s}),
        OptionParser::Outcome::Run);
    const auto& options = parser.options();
    QCOMPARE(options.cluster.mode, qd::ClusterMode::Cluster);
    QVERIFY(options.cluster.tls.enabled);
    QCOMPARE(options.cluster.tls.caFile, u"/ca.pem"_s);
    QCOMPARE(options.cluster.queueSystem.keyOf(u"high"_s), u"{jobs}:high_priority"_s);
    QCOMPARE(options.cluster.queueSystem.processingKey(u"w"_s), u"{jobs}:worker:w:processing"_s);
    QCOMPARE(options.cluster.queueSystem.pauseKey(u"low"_s), u"{jobs}:paused:low"_s);
    QCOMPARE(options.queues.size(), 2);
    QCOMPARE(options.queues.at(1).weight, 3.0);
    QCOMPARE(options.rate, 250.0);
    QCOMPARE(options.producers, 3);
    QCOMPARE(options.workers, 8);
    QCOMPARE(options.jobDuration.min(), qd::Millis(20));
    QCOMPARE(options.jobDuration.max(), qd::Millis(1000));
    QCOMPARE(options.failureRatio, 0.05);
    QCOMPARE(options.effectiveMaxRetries(), 5);
    QCOMPARE(options.heartbeatTtl, qd::Millis(10000));
    QCOMPARE(options.blockTimeout, qd::Millis(1000));
    QCOMPARE(options.runFor, qd::Millis(90000));
    QCOMPARE(options.statsInterval, qd::Millis(0));
    QVERIFY(options.json);
    QVERIFY(options.abandonOnExit);
    QCOMPARE(options.seed, std::optional<quint64>(9));

    OptionParser perQueue;
    QCOMPARE(
        perQueue.parse({u"loadgen"_s, u"--endpoint"_s, u"x:1"_s, u"--rate"_s, u"high=5,low=15"_s}),
        OptionParser::Outcome::Run);
    QCOMPARE(perQueue.options().rate, 20.0);
    QCOMPARE(perQueue.options().queues.size(), 2);
    QCOMPARE(perQueue.options().queues.at(1).weight, 15.0);
    QCOMPARE(perQueue.options().effectiveMaxRetries(), 3);
}

void TestLoadgenCli::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestLoadgenCli)
#include "TestLoadgenCli.moc"
