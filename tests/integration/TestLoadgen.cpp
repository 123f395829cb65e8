// queuedeck-loadgen's producers and workers, in-process against a real redis-server: rates,
// the job schema, completion, retries and dead letters, and the pause contract.

#include "LoadgenTestSupport.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
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
const QString kDeadLetter = u"jobqueue:dead_letter"_s;

} // namespace

class TestLoadgen final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void producersHoldTheirRateAndSplit();
    void jobsFollowTheSchema();
    void workersCompleteJobs();
    void failuresAreRetriedThenDeadLettered();
    void pauseFlagStopsTakes();
    void cleanupTestCase();

private:
    LoadgenOptions baseOptions() const;

    std::unique_ptr<RedisServer> m_server;
    std::unique_ptr<LoadgenProbe> m_redis;
};

void TestLoadgen::initTestCase()
{
    QString error;
    m_server = RedisServer::start({}, &error);
    QVERIFY2(m_server, qPrintable(error));
    m_redis = std::make_unique<LoadgenProbe>(m_server.get());
}

void TestLoadgen::init()
{
    QCOMPARE(m_redis->run({u"FLUSHALL"_s}), QByteArrayLiteral("OK"));
}

LoadgenOptions TestLoadgen::baseOptions() const
{
    return qd::test::loadgenOptions(m_server->endpoint());
}

void TestLoadgen::producersHoldTheirRateAndSplit()
{
    LoadgenOptions options = baseOptions();
    options.producers = 2;
    options.rate = 200;
    options.queues = {{u"high"_s, 1}, {u"low"_s, 3}};
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    // The rate as Redis sees it, over a window that excludes start-up.
    QThread::msleep(500);
    const qint64 first = m_redis->llen(kHigh) + m_redis->llen(kLow);
    QElapsedTimer window;
    window.start();
    QThread::msleep(2500);
    const qint64 last = m_redis->llen(kHigh) + m_redis->llen(kLow);
    const double seconds = static_cast<double>(window.elapsed()) / 1000.0;
    run->stop();

    const double measured = static_cast<double>(last - first) / seconds;
    QVERIFY2(qAbs(measured - 200.0) <= 20.0, qPrintable(u"measured %1 jobs/s"_s.arg(measured)));
    // Loadgen's own count is what Redis holds, and it matches the configured rate too.
    const auto snapshot = run->snapshot();
    const qint64 high = m_redis->llen(kHigh);
    const qint64 low = m_redis->llen(kLow);
    QCOMPARE(snapshot.produced, high + low);
    QCOMPARE(snapshot.producedPerQueue, (QList<qint64> {high, low}));
    const double ownRate = static_cast<double>(snapshot.produced) / snapshot.elapsedSeconds;
    QVERIFY2(qAbs(ownRate - 200.0) <= 20.0, qPrintable(u"own count %1 jobs/s"_s.arg(ownRate)));
    // Weights 1:3, interleaved exactly: off by at most one job per producer.
    QVERIFY2(qAbs(low - 3 * high) <= 8, qPrintable(u"high %1 low %2"_s.arg(high).arg(low)));
}

void TestLoadgen::jobsFollowTheSchema()
{
    LoadgenOptions options = baseOptions();
    options.producers = 1;
    options.rate = 100;
    options.queues = {{u"low"_s, 1}};
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QTRY_VERIFY(m_redis->llen(kLow) >= 30);
    run->stop();
    QCOMPARE(m_redis->llen(kHigh), 0);

    QSet<QString> ids;
    const QByteArrayList payloads = m_redis->lrange(kLow);
    for (const QByteArray& payload : payloads) {
        const QJsonObject object = QJsonDocument::fromJson(payload).object();
        QCOMPARE(object.keys(),
            (QStringList {u"creation_time"_s, u"filepath"_s, u"filesize"_s, u"id"_s, u"priority"_s,
                u"retries"_s, u"span_id"_s, u"trace_id"_s}));
        QVERIFY(payload.startsWith("{\"id\":"));
        ids.insert(object.value(u"id"_s).toString());
        QCOMPARE(object.value(u"priority"_s).toString(), u"low"_s);
        QCOMPARE(object.value(u"retries"_s).toInteger(-1), 0);
        QVERIFY(object.value(u"filesize"_s).toInteger() > 0);
        QVERIFY(!object.value(u"filepath"_s).toString().isEmpty());
        const QDateTime created
            = QDateTime::fromString(object.value(u"creation_time"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QCOMPARE(created.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        static const QRegularExpression trace(u"^[0-9a-f]{32}$"_s);
        static const QRegularExpression span(u"^[0-9a-f]{16}$"_s);
        QVERIFY(trace.match(object.value(u"trace_id"_s).toString()).hasMatch());
        QVERIFY(span.match(object.value(u"span_id"_s).toString()).hasMatch());
    }
    QCOMPARE(ids.size(), payloads.size());
}

void TestLoadgen::workersCompleteJobs()
{
    LoadgenOptions options = baseOptions();
    options.producers = 1;
    options.rate = 100;
    options.workers = 4;
    options.jobDuration = JobDuration(Millis(5), Millis(15));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QThread::msleep(1500);
    QTRY_VERIFY(m_redis->llen(kCompleted) >= 140);
    run->stop();

    const auto snapshot = run->snapshot();
    QCOMPARE(m_redis->llen(kCompleted), snapshot.completed);
    QCOMPARE(snapshot.produced, snapshot.completed + m_redis->llen(kHigh) + m_redis->llen(kLow));
    QCOMPARE(snapshot.failed, 0);
    QCOMPARE(m_redis->llen(kDeadLetter), 0);
    // A clean stop leaves no processing list and no heartbeat behind.
    QCOMPARE(m_redis->keys(u"jobqueue:worker:*"_s), QByteArrayList {});
    QCOMPARE(m_redis->keys(u"jobqueue:processing:*"_s), QByteArrayList {});
    const QJsonObject done = QJsonDocument::fromJson(m_redis->lrange(kCompleted).value(0)).object();
    QCOMPARE(done.value(u"retries"_s).toInteger(-1), 0);
}

void TestLoadgen::failuresAreRetriedThenDeadLettered()
{
    m_redis->pushJobs(20, kHigh, u"high"_s);
    m_redis->pushJobs(10, kLow, u"low"_s);
    LoadgenOptions options = baseOptions();
    options.workers = 3;
    options.failureRatio = 1.0;
    options.maxRetries = 2;
    options.jobDuration = JobDuration(Millis(1));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QTRY_COMPARE(m_redis->llen(kDeadLetter), 30);
    run->stop();

    QCOMPARE(m_redis->llen(kCompleted), 0);
    QCOMPARE(m_redis->llen(kHigh), 0);
    QCOMPARE(m_redis->llen(kLow), 0);
    int high = 0;
    for (const QByteArray& payload : m_redis->lrange(kDeadLetter)) {
        const QJsonObject object = QJsonDocument::fromJson(payload).object();
        QCOMPARE(object.value(u"retries"_s).toInteger(-1), 3); // two retries, then buried
        QVERIFY(object.value(u"id"_s).toString().startsWith(u"pushed-"_s));
        high += object.value(u"priority"_s).toString() == u"high"_s ? 1 : 0;
    }
    QCOMPARE(high, 20);
    const auto snapshot = run->snapshot();
    QCOMPARE(snapshot.failed, 90);
    QCOMPARE(snapshot.retried, 60);
    QCOMPARE(snapshot.deadLettered, 30);
    QCOMPARE(snapshot.taken, 90);
}

void TestLoadgen::pauseFlagStopsTakes()
{
    LoadgenOptions options = baseOptions();
    options.producers = 1;
    options.rate = 100;
    options.workers = 2;
    options.jobDuration = JobDuration(Millis(2));
    auto run = qd::test::startLoadgen(options);
    QVERIFY(run);
    QTRY_VERIFY(m_redis->llen(kCompleted) >= 20);

    // High paused: its queue grows, low is still served.
    QCOMPARE(m_redis->run({u"SET"_s, u"jobqueue:paused:high"_s, u"1"_s}), QByteArrayLiteral("OK"));
    QThread::msleep(300); // a take already past its flag check may finish
    const qint64 highBefore = m_redis->llen(kHigh);
    const qint64 completedBefore = m_redis->llen(kCompleted);
    QThread::msleep(1000);
    QVERIFY2(m_redis->llen(kHigh) >= highBefore + 40, qPrintable(QString::number(highBefore)));
    QVERIFY(m_redis->llen(kLow) <= 3);
    QVERIFY(m_redis->llen(kCompleted) >= completedBefore + 40);

    // Both paused: nothing is taken, nothing is in flight.
    QCOMPARE(m_redis->run({u"SET"_s, u"jobqueue:paused:low"_s, u"1"_s}), QByteArrayLiteral("OK"));
    QThread::msleep(300);
    const qint64 completedPaused = m_redis->llen(kCompleted);
    const qint64 lowPaused = m_redis->llen(kLow);
    QThread::msleep(700);
    QCOMPARE(m_redis->llen(kCompleted), completedPaused);
    QVERIFY(m_redis->llen(kLow) >= lowPaused + 25);
    QCOMPARE(m_redis->keys(u"jobqueue:worker:*:processing"_s), QByteArrayList {});

    // Cleared: the backlog drains.
    QCOMPARE(m_redis->run({u"DEL"_s, u"jobqueue:paused:high"_s, u"jobqueue:paused:low"_s}),
        QByteArrayLiteral("2"));
    QTRY_VERIFY(m_redis->llen(kHigh) <= 3 && m_redis->llen(kLow) <= 3);
    run->stop();
    const auto snapshot = run->snapshot();
    QCOMPARE(m_redis->llen(kCompleted), snapshot.completed);
}

void TestLoadgen::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestLoadgen)
#include "TestLoadgen.moc"
