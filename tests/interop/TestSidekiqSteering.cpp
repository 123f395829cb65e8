// QueueDeck's Sidekiq writes against a real Sidekiq 6.4 worker: a requeued dead or retry job
// is executed by the worker, purge and clear leave Sidekiq's own API consistent, quiet and
// stop reach the process through its signals list, and identities that are not running
// processes are refused.
#include "core/queues/sidekiq/SidekiqSteering.h"
#include "core/redis/RedisClient.h"
#include "interop/sidekiq/SidekiqRig.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <chrono>

using namespace std::chrono_literals;
using qd::sidekiq::JobSet;
using qd::sidekiq::SetEntry;
using qd::sidekiq::SidekiqSteering;
using qd::test::SidekiqRig;

class TestSidekiqSteering : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void requeuedDeadJobRunsOnce();
    void requeueIsExactlyOnce();
    void requeuedRetryJobRuns();
    void purgeDeadAndRetryAgreeWithSidekiq();
    void clearQueueAgreesWithSidekiq();
    void signalsRefuseUnknownAndDeadProcesses();
    void quietShowsInProcessSet();
    void stopEndsTheProcess();

private:
    QJsonObject oracle();
    // Polls the oracle until check(oracle) holds, for at most seconds.
    template <typename Check>
    bool waitFor(int seconds, Check check);
    QByteArrayList ran();
    double now() const { return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0; }

    std::unique_ptr<SidekiqRig> m_rig;
    std::shared_ptr<qd::redis::RedisClient> m_client;
    std::unique_ptr<SidekiqSteering> m_steering;
};

void TestSidekiqSteering::initTestCase()
{
    QString error;
    SidekiqRig::Options options;
    options.ns = qEnvironmentVariable("QD_SIDEKIQ_TEST_NAMESPACE");
    m_rig = SidekiqRig::start(options, &error);
    QVERIFY2(m_rig, qPrintable(error));
    m_rig->produce({QStringLiteral("--dead"), QStringLiteral("3"), QStringLiteral("--retry"),
                       QStringLiteral("2")},
        &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_rig->waitForPhase(QStringLiteral("settled"), 60, &error),
        qPrintable(error + QStringLiteral("\n") + m_rig->workerLogTail()));
    // From here on the failing job kinds succeed: a requeued job can be seen to complete.
    m_rig->cli({QStringLiteral("SET"), QString::fromUtf8(m_rig->prefix() + "qdrig:fixed"),
        QStringLiteral("1")});

    qd::redis::ClientTarget target;
    target.name = QStringLiteral("sidekiq");
    target.addresses = {m_rig->redis().endpoint()};
    m_client = qd::redis::RedisClient::create(target, 5000ms);
    m_steering = std::make_unique<SidekiqSteering>(*m_client, m_rig->ns());
}

QJsonObject TestSidekiqSteering::oracle()
{
    QString error;
    const QJsonObject snapshot = m_rig->oracle(&error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return snapshot;
}

template <typename Check>
bool TestSidekiqSteering::waitFor(int seconds, Check check)
{
    QDeadlineTimer deadline(seconds * 1000);
    while (!deadline.hasExpired()) {
        if (check(oracle()))
            return true;
        QThread::msleep(300);
    }
    return check(oracle());
}

QByteArrayList TestSidekiqSteering::ran()
{
    const QByteArray out
        = m_rig->cli({QStringLiteral("LRANGE"), QString::fromUtf8(m_rig->prefix() + "qdrig:ran"),
            QStringLiteral("0"), QStringLiteral("-1")});
    return out.isEmpty() ? QByteArrayList() : out.split('\n');
}

void TestSidekiqSteering::requeuedDeadJobRunsOnce()
{
    const qint64 dead = m_steering->size(JobSet::Dead);
    QCOMPARE(dead, oracle()[QStringLiteral("dead_size")].toInteger());
    const QList<SetEntry> entries = m_steering->range(JobSet::Dead, 0, 1);
    QCOMPARE(entries.size(), 1);
    const SetEntry entry = entries.first();
    QVERIFY(!entry.jid.isEmpty());
    QVERIFY(!entry.queue.isEmpty());
    const qint64 processed
        = oracle()[QStringLiteral("stats")][QStringLiteral("processed")].toInteger();

    const auto result = m_steering->requeue(JobSet::Dead, {entry}, now());
    QCOMPARE(result.moved, 1);
    QCOMPARE(result.gone, 0);
    QVERIFY2(waitFor(20,
                 [&](const QJsonObject& o) {
                     return o[QStringLiteral("dead_size")].toInteger() == dead - 1
                         && o[QStringLiteral("stats")][QStringLiteral("processed")].toInteger()
                         == processed + 1;
                 }),
        qPrintable(m_rig->workerLogTail()));
    QCOMPARE(ran(), QByteArrayList {entry.jid.toUtf8()});
    // Its queue is registered (SADD queues) and empty again: the worker took the job.
    const QJsonObject queues = oracle()[QStringLiteral("queues")].toObject();
    QVERIFY(queues.contains(entry.queue));
    QCOMPARE(queues[entry.queue][QStringLiteral("size")].toInteger(), 0);
}

void TestSidekiqSteering::requeueIsExactlyOnce()
{
    const QList<SetEntry> entries = m_steering->range(JobSet::Dead, 0, 1);
    QCOMPARE(entries.size(), 1);
    const qsizetype before = ran().size();
    // The same entry twice in one batch, then again: only the first removal pushes the job.
    auto result = m_steering->requeue(JobSet::Dead, {entries.first(), entries.first()}, now());
    QCOMPARE(result.moved, 1);
    QCOMPARE(result.gone, 1);
    result = m_steering->requeue(JobSet::Dead, entries, now());
    QCOMPARE(result.moved, 0);
    QCOMPARE(result.gone, 1);
    QTRY_COMPARE_WITH_TIMEOUT(ran().size(), before + 1, 20000);
    QTest::qWait(1500); // a second execution would show by now
    QCOMPARE(ran().size(), before + 1);
    QCOMPARE(ran().count(entries.first().jid.toUtf8()), 1);
}

void TestSidekiqSteering::requeuedRetryJobRuns()
{
    const QList<SetEntry> entries = m_steering->range(JobSet::Retry, 0, 10);
    QCOMPARE(entries.size(), 2);
    const SetEntry entry = entries.last();
    const qsizetype before = ran().size();
    QCOMPARE(m_steering->requeue(JobSet::Retry, {entry}, now()).moved, 1);
    QTRY_COMPARE_WITH_TIMEOUT(ran().size(), before + 1, 20000);
    QCOMPARE(ran().last(), entry.jid.toUtf8());
    QVERIFY(waitFor(
        10, [](const QJsonObject& o) { return o[QStringLiteral("retry_size")].toInteger() == 1; }));
}

void TestSidekiqSteering::purgeDeadAndRetryAgreeWithSidekiq()
{
    const QJsonObject before = oracle();
    QCOMPARE(m_steering->purge(JobSet::Dead), before[QStringLiteral("dead_size")].toInteger());
    QCOMPARE(m_steering->purge(JobSet::Retry), before[QStringLiteral("retry_size")].toInteger());
    const QJsonObject after = oracle();
    QCOMPARE(after[QStringLiteral("dead_size")].toInteger(), 0);
    QCOMPARE(after[QStringLiteral("retry_size")].toInteger(), 0);
    QCOMPARE(after[QStringLiteral("stats")][QStringLiteral("dead_size")].toInteger(), 0);
    QCOMPARE(after[QStringLiteral("scheduled_size")].toInteger(),
        before[QStringLiteral("scheduled_size")].toInteger());
    QCOMPARE(m_steering->purge(JobSet::Dead), 0);
}

void TestSidekiqSteering::clearQueueAgreesWithSidekiq()
{
    const QJsonObject before = oracle();
    const qint64 parked
        = before[QStringLiteral("queues")][QStringLiteral("parked")][QStringLiteral("size")]
              .toInteger();
    QVERIFY(parked > 0);
    QCOMPARE(m_steering->clearQueue(QStringLiteral("parked")), parked);
    const QJsonObject after = oracle();
    QVERIFY(!after[QStringLiteral("queues")].toObject().contains(QStringLiteral("parked")));
    QCOMPARE(after[QStringLiteral("stats")][QStringLiteral("enqueued")].toInteger(),
        before[QStringLiteral("stats")][QStringLiteral("enqueued")].toInteger() - parked);
}

void TestSidekiqSteering::signalsRefuseUnknownAndDeadProcesses()
{
    using Result = SidekiqSteering::SignalResult;
    const QString unknown = QStringLiteral("nowhere:1:000000000000");
    QCOMPARE(m_steering->signal(unknown, "TSTP"), Result::NotAProcess);
    const QString ghost = QStringLiteral("ghost:2:111111111111");
    m_rig->cli({QStringLiteral("SADD"), QString::fromUtf8(m_rig->prefix() + "processes"), ghost});
    QCOMPARE(m_steering->signal(ghost, "TSTP"), Result::NotRunning);
    // Nothing was pushed for either.
    QCOMPARE(m_rig->cli({QStringLiteral("EXISTS"),
                 QString::fromUtf8(m_rig->prefix()) + ghost + QStringLiteral("-signals")}),
        QByteArray("0"));
    m_rig->cli({QStringLiteral("SREM"), QString::fromUtf8(m_rig->prefix() + "processes"), ghost});
}

void TestSidekiqSteering::quietShowsInProcessSet()
{
    QCOMPARE(m_steering->signal(m_rig->identity(), "TSTP"), SidekiqSteering::SignalResult::Sent);
    const QString list
        = QString::fromUtf8(m_rig->prefix()) + m_rig->identity() + QStringLiteral("-signals");
    const int ttl = m_rig->cli({QStringLiteral("TTL"), list}).toInt();
    QVERIFY2(ttl > 0 && ttl <= 60, qPrintable(QString::number(ttl)));
    // Sidekiq pops the signal within a beat and reports quiet one beat later: 5-10 s.
    QVERIFY2(waitFor(25,
                 [](const QJsonObject& o) {
                     const QJsonArray processes = o[QStringLiteral("processes")].toArray();
                     return processes.size() == 1
                         && processes[0][QStringLiteral("quiet")].toString() == u"true";
                 }),
        qPrintable(m_rig->workerLogTail()));
    QVERIFY(m_rig->workerRunning());
}

void TestSidekiqSteering::stopEndsTheProcess()
{
    QCOMPARE(m_steering->signal(m_rig->identity(), "TERM"), SidekiqSteering::SignalResult::Sent);
    QVERIFY2(m_rig->waitForWorkerExit(30000), qPrintable(m_rig->workerLogTail()));
    QVERIFY(waitFor(5,
        [](const QJsonObject& o) { return o[QStringLiteral("processes")].toArray().isEmpty(); }));
}

QTEST_GUILESS_MAIN(TestSidekiqSteering)
#include "TestSidekiqSteering.moc"
