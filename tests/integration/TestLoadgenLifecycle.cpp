// queuedeck-loadgen's workers over a job's life, in-process against a real redis-server: the
// heartbeat, what a clean stop and an abandon leave behind, worker ids, TLS with an ACL user,
// and the options start() refuses.

#include "LoadgenTestSupport.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using qd::Millis;
using qd::loadgen::JobDuration;
using qd::loadgen::LoadgenOptions;
using qd::loadgen::LoadRunner;
using qd::test::LoadgenProbe;
using qd::test::RedisServer;

namespace {

const QString kHigh = u"jobqueue:high_priority"_s;
const QString kLow = u"jobqueue:low_priority"_s;
const QString kCompleted = u"jobqueue:completed"_s;

} // namespace

class TestLoadgenLifecycle final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void heartbeatLivesWhileAJobRuns();
    void stopHandsTheJobBack();
    void abandonLeavesAnOrphan();
    void workerIdsHaveTheUpstreamFormat();
    void foreignJobsKeepTheirFields();
    void aclUserOverTls();
    void badOptionsAreRefused();
    void cleanupTestCase();

private:
    LoadgenOptions baseOptions() const { return qd::test::loadgenOptions(m_server->endpoint()); }

    std::unique_ptr<RedisServer> m_server;
    std::unique_ptr<LoadgenProbe> m_redis;
};

void TestLoadgenLifecycle::initTestCase()
{
    QString error;
    m_server = RedisServer::start({}, &error);
    QVERIFY2(m_server, qPrintable(error));
    m_redis = std::make_unique<LoadgenProbe>(m_server.get());
}

void TestLoadgenLifecycle::init()
{
    QCOMPARE(m_redis->run({u"FLUSHALL"_s}), QByteArrayLiteral("OK"));
}

void TestLoadgenLifecycle::heartbeatLivesWhileAJobRuns()
{
    m_redis->pushJobs(1, kHigh, u"high"_s);
    LoadgenOptions options = baseOptions();
    options.workers = 1;
    options.jobDuration = JobDuration(Millis(2500));
    options.heartbeatTtl = Millis(1000);
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    const QString id = run->workerIds().value(0);
    const QString processing = options.cluster.queueSystem.processingKey(id);
    const QString heartbeat = options.cluster.queueSystem.heartbeatKey(id);
    QCOMPARE(processing, u"jobqueue:worker:"_s + id + u":processing"_s);
    QCOMPARE(heartbeat, u"jobqueue:processing:worker:"_s + id);
    QTRY_COMPARE(m_redis->llen(processing), 1);
    const QByteArray payload = m_redis->lrange(processing).value(0);
    QVERIFY(payload.contains("\"id\":\"pushed-0\""));
    // Past one TTL the key is still there: the worker refreshes it.
    QThread::msleep(1500);
    QCOMPARE(m_redis->run({u"GET"_s, heartbeat}), payload);
    const qint64 ttl = m_redis->pttl(heartbeat);
    QVERIFY2(ttl > 0 && ttl <= 1000, qPrintable(QString::number(ttl)));
    QCOMPARE(m_redis->llen(kHigh), 0);
    // Done: completed, processing list and heartbeat gone.
    QTRY_COMPARE(m_redis->llen(kCompleted), 1);
    QCOMPARE(m_redis->llen(processing), 0);
    QCOMPARE(m_redis->pttl(heartbeat), -2);
    run->stop();
}

void TestLoadgenLifecycle::stopHandsTheJobBack()
{
    m_redis->pushJobs(2, kLow, u"low"_s);
    LoadgenOptions options = baseOptions();
    options.workers = 1;
    options.jobDuration = JobDuration(Millis(10000));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    const QString processing = options.cluster.queueSystem.processingKey(run->workerIds().value(0));
    QTRY_COMPARE(m_redis->llen(processing), 1);
    const QByteArray taken = m_redis->lrange(processing).value(0);
    QElapsedTimer stopping;
    stopping.start();
    run->stop();
    QVERIFY(stopping.elapsed() < 1000);
    QCOMPARE(run->snapshot().handedBack, 1);
    QCOMPARE(m_redis->keys(u"jobqueue:worker:*"_s), QByteArrayList {});
    QCOMPARE(m_redis->keys(u"jobqueue:processing:*"_s), QByteArrayList {});
    // Back where it was: next in line (the consuming, right end), unchanged.
    QCOMPARE(m_redis->llen(kLow), 2);
    QCOMPARE(m_redis->run({u"LINDEX"_s, kLow, u"-1"_s}), taken);
    QVERIFY(taken.contains("\"id\":\"pushed-0\""));
}

void TestLoadgenLifecycle::abandonLeavesAnOrphan()
{
    m_redis->pushJobs(1, kHigh, u"high"_s);
    LoadgenOptions options = baseOptions();
    options.workers = 1;
    options.jobDuration = JobDuration(Millis(10000));
    options.heartbeatTtl = Millis(1000);
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    const QString id = run->workerIds().value(0);
    const QString processing = options.cluster.queueSystem.processingKey(id);
    const QString heartbeat = options.cluster.queueSystem.heartbeatKey(id);
    QTRY_COMPARE(m_redis->llen(processing), 1);
    QTRY_VERIFY(m_redis->pttl(heartbeat) > 0);
    run->abandon();
    QCOMPARE(run->snapshot().handedBack, 0);
    // The heartbeat runs out; the job stays in the processing list for a reaper to find.
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->pttl(heartbeat), -2, 2000);
    QCOMPARE(m_redis->llen(processing), 1);
    QCOMPARE(m_redis->llen(kHigh), 0);
    QCOMPARE(m_redis->llen(kCompleted), 0);
}

void TestLoadgenLifecycle::workerIdsHaveTheUpstreamFormat()
{
    LoadgenOptions options = baseOptions();
    options.workers = 3;
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    const QStringList ids = run->workerIds();
    run->stop();
    QCOMPARE(ids.size(), 3);
    static const QRegularExpression format(u"^[^:*\\s]+-(\\d+)-(\\d{16,})-[0-9a-f]{4}-(\\d+)$"_s);
    for (int i = 0; i < ids.size(); ++i) {
        const QRegularExpressionMatch match = format.match(ids.at(i));
        QVERIFY2(match.hasMatch(), qPrintable(ids.at(i)));
        QCOMPARE(match.captured(1).toLongLong(), QCoreApplication::applicationPid());
        QCOMPARE(match.captured(3).toInt(), i);
        // QueueDeck reads the id back as the third ":"-token of the processing key.
        const QString key = options.cluster.queueSystem.processingKey(ids.at(i));
        QCOMPARE(key.split(u':').value(2), ids.at(i));
    }
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 3);
}

void TestLoadgenLifecycle::aclUserOverTls()
{
    qd::test::RedisServerOptions serverOptions;
    serverOptions.tls = true;
    serverOptions.aclUser = u"loader"_s;
    serverOptions.aclPassword = u"s3cret pass"_s;
    serverOptions.aclOnly = true;
    QString error;
    auto server = RedisServer::start(serverOptions, &error);
    QVERIFY2(server, qPrintable(error));
    const LoadgenProbe redis(server.get());

    LoadgenOptions options = baseOptions();
    options.cluster.endpoint = server->endpoint();
    options.cluster.tls.enabled = true;
    options.cluster.tls.caFile = server->tlsFiles().caCert;
    options.cluster.username = u"loader"_s;
    options.cluster.password = u"s3cret pass"_s;
    options.producers = 1;
    options.rate = 100;
    options.workers = 2;
    options.jobDuration = JobDuration(Millis(1));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QTRY_VERIFY(redis.llen(kCompleted) >= 20);
    run->stop();
    QCOMPARE(redis.llen(kCompleted), run->snapshot().completed);
    QCOMPARE(run->snapshot().errors, 0);

    options.cluster.password = u"not-the-Pa55word"_s;
    LoadRunner refused(options);
    QVERIFY(!refused.start(&error));
    QVERIFY2(error.contains(u"auth"_s, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!error.contains(u"Pa55word"_s));
}

void TestLoadgenLifecycle::badOptionsAreRefused()
{
    QString error;
    LoadgenOptions options = baseOptions();
    options.queues = {{u"urgent"_s, 1}};
    QVERIFY(!LoadRunner(options).start(&error));
    QVERIFY2(error.contains(u"urgent"_s) && error.contains(u"high, low"_s), qPrintable(error));

    options = baseOptions();
    options.failureRatio = 1.5;
    QVERIFY(!LoadRunner(options).start(&error));
    QVERIFY2(error.contains(u"failure ratio"_s), qPrintable(error));

    options = baseOptions();
    options.cluster.endpoint = u"127.0.0.1:1"_s;
    QVERIFY(!LoadRunner(options).start(&error));
    QVERIFY2(error.contains(u"refused"_s), qPrintable(error));
}

void TestLoadgenLifecycle::foreignJobsKeepTheirFields()
{
    // Another producer's job, with a field loadgen does not know and without most of its own,
    // and one that is not JSON.
    const QByteArray foreign = R"({"tenant":"acme","id":"x1","priority":"high"})";
    QVERIFY(m_redis->run({u"LPUSH"_s, kHigh, QString::fromUtf8(foreign)}).toInt() == 1);
    QVERIFY(m_redis->run({u"LPUSH"_s, kHigh, u"not json"_s}).toInt() == 2);
    LoadgenOptions options = baseOptions();
    options.workers = 1;
    options.failureRatio = 1.0;
    options.maxRetries = 1;
    options.jobDuration = JobDuration(Millis(1));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QTRY_COMPARE(m_redis->llen(u"jobqueue:dead_letter"_s), 2);
    run->stop();
    const QByteArrayList buried = m_redis->lrange(u"jobqueue:dead_letter"_s);
    QVERIFY(buried.contains(QByteArrayLiteral("not json"))); // buried at once, as it was
    // Requeued with retries + 1 and nothing else changed; buried after max_retries.
    QVERIFY2(buried.contains(
                 QByteArrayLiteral(R"({"id":"x1","priority":"high","retries":2,"tenant":"acme"})")),
        buried.join('\n').constData());
    QCOMPARE(run->snapshot().failed, 3);
    QCOMPARE(run->snapshot().retried, 1);
}

void TestLoadgenLifecycle::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestLoadgenLifecycle)
#include "TestLoadgenLifecycle.moc"
