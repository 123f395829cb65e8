// The Sidekiq reader against a real Sidekiq 6.4 worker: its figures equal what Sidekiq's own
// Ruby API (the rig's oracle.rb) reports at the same moment, one read is one round trip, and a
// read changes nothing in Redis. QD_SIDEKIQ_TEST_NAMESPACE runs the same checks under a
// redis-namespace prefix.
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "interop/sidekiq/SidekiqRig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <chrono>
#include <cmath>

using namespace std::chrono_literals;
using qd::sidekiq::ProcessReading;
using qd::sidekiq::Reading;
using qd::sidekiq::SidekiqReader;
using qd::test::SidekiqRig;

namespace {

// A figure read between two oracle snapshots must equal one of them.
bool between(qint64 value, const QJsonValue& before, const QJsonValue& after)
{
    return value == before.toInteger(-1) || value == after.toInteger(-1);
}

QString describe(qint64 value, const QJsonValue& before, const QJsonValue& after)
{
    return QStringLiteral("read %1, Sidekiq said %2 before and %3 after")
        .arg(value)
        .arg(before.toInteger(-1))
        .arg(after.toInteger(-1));
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

} // namespace

class TestSidekiqReader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void figuresEqualSidekiqApi();
    void runningJobsEqualWorkers();
    void queueLatencyEqualsSidekiq();
    void oneRoundTripPerRead();
    void readChangesNothing();
    void deadProcessIsListedNotPruned();
    void wrongTypedKeyIsNamed();

private:
    Reading read();
    const ProcessReading* liveProcess(const Reading& reading) const;

    std::unique_ptr<SidekiqRig> m_rig;
    std::shared_ptr<qd::redis::RedisClient> m_client;
    std::unique_ptr<SidekiqReader> m_reader;
};

void TestSidekiqReader::initTestCase()
{
    QString error;
    SidekiqRig::Options options;
    options.ns = qEnvironmentVariable("QD_SIDEKIQ_TEST_NAMESPACE");
    m_rig = SidekiqRig::start(options, &error);
    QVERIFY2(m_rig, qPrintable(error));
    m_rig->produce({}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Settled: every job has reached processed, retry, dead or schedule and the counters are
    // flushed, so only heartbeats move from here on.
    QVERIFY2(m_rig->waitForPhase(QStringLiteral("settled"), 60, &error),
        qPrintable(error + QStringLiteral("\n") + m_rig->workerLogTail()));

    qd::redis::ClientTarget target;
    target.name = QStringLiteral("sidekiq");
    target.addresses = {m_rig->redis().endpoint()};
    m_client = qd::redis::RedisClient::create(target, 5000ms);
    m_reader = std::make_unique<SidekiqReader>(m_rig->ns(), qd::Clock::system());
}

Reading TestSidekiqReader::read()
{
    return m_reader->read(*m_client);
}

const ProcessReading* TestSidekiqReader::liveProcess(const Reading& reading) const
{
    for (const ProcessReading& process : reading.processes)
        if (process.identity == m_rig->identity())
            return &process;
    return nullptr;
}

void TestSidekiqReader::figuresEqualSidekiqApi()
{
    QString error;
    const QJsonObject before = m_rig->oracle(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Reading reading = read();
    const QJsonObject after = m_rig->oracle(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject b = before.value(QStringLiteral("stats")).toObject();
    const QJsonObject a = after.value(QStringLiteral("stats")).toObject();

    auto check = [&](const char* name, qint64 value) {
        const QString key = QString::fromLatin1(name);
        QVERIFY2(between(value, b.value(key), a.value(key)),
            qPrintable(key + QStringLiteral(": ") + describe(value, b.value(key), a.value(key))));
    };
    check("processed", reading.processed);
    check("failed", reading.failed);
    check("scheduled_size", reading.scheduled);
    check("retry_size", reading.retry);
    check("dead_size", reading.dead);
    qint64 enqueued = 0;
    for (const auto& queue : reading.queues)
        enqueued += queue.length;
    check("enqueued", enqueued);
    qint64 alive = 0;
    for (const auto& process : reading.processes)
        alive += process.alive ? 1 : 0;
    check("processes_size", alive);
    QVERIFY(reading.processed > 0);
    QVERIFY(reading.dead > 0 && reading.retry > 0 && reading.scheduled > 0);

    // Queue#size, queue by queue, and the same set of queues.
    const QJsonObject queuesBefore = before.value(QStringLiteral("queues")).toObject();
    const QJsonObject queuesAfter = after.value(QStringLiteral("queues")).toObject();
    QStringList names;
    for (const auto& queue : reading.queues) {
        names << queue.name;
        QVERIFY2(between(queue.length, queuesBefore.value(queue.name)[QStringLiteral("size")],
                     queuesAfter.value(queue.name)[QStringLiteral("size")]),
            qPrintable(queue.name));
    }
    QCOMPARE(names, queuesBefore.keys());
    QCOMPARE(reading.queuesTotal, qint64(names.size()));
    QVERIFY(!reading.queuesTruncated() && !reading.processesTruncated());

    // ProcessSet: the one process with the fields Sidekiq reports.
    const QJsonArray processes = after.value(QStringLiteral("processes")).toArray();
    QCOMPARE(processes.size(), 1);
    const QJsonObject p = processes.first().toObject();
    const ProcessReading* process = liveProcess(reading);
    QVERIFY(process);
    QVERIFY(process->alive);
    QCOMPARE(process->identity, p.value(QStringLiteral("identity")).toString());
    QCOMPARE(process->hostname, p.value(QStringLiteral("hostname")).toString());
    QCOMPARE(process->pid, p.value(QStringLiteral("pid")).toInteger());
    QCOMPARE(process->pid, m_rig->workerPid());
    QCOMPARE(process->concurrency, p.value(QStringLiteral("concurrency")).toInt());
    QCOMPARE(process->queues, strings(p.value(QStringLiteral("queues"))));
    QCOMPARE(process->busy, p.value(QStringLiteral("busy")).toInteger());
    QCOMPARE(process->quiet, p.value(QStringLiteral("quiet")).toString() == u"true");
    QVERIFY(process->beat.has_value());
    const QJsonObject pBefore
        = before.value(QStringLiteral("processes")).toArray().first().toObject();
    const double beat = *process->beat;
    QVERIFY2(std::abs(beat - p.value(QStringLiteral("beat")).toDouble()) < 1e-3
            || std::abs(beat - pBefore.value(QStringLiteral("beat")).toDouble()) < 1e-3,
        qPrintable(QString::number(beat, 'f', 6)));
    QVERIFY(process->ttlMs.has_value());
    QVERIFY(*process->ttlMs > 0 && *process->ttlMs <= 60000);
    QVERIFY2(!process->info.isEmpty(), "the raw info JSON is kept");
    QVERIFY2(reading.problems.isEmpty(), qPrintable(reading.problems.join(u'\n')));
}

void TestSidekiqReader::runningJobsEqualWorkers()
{
    QString error;
    const Reading reading = read();
    const QJsonObject oracle = m_rig->oracle(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ProcessReading* process = liveProcess(reading);
    QVERIFY(process);
    QCOMPARE(process->jobsKey, QStringLiteral("workers")); // 6.4's key
    const QJsonArray work = oracle.value(QStringLiteral("work")).toArray();
    QCOMPARE(qsizetype(process->jobs.size()), work.size());
    QCOMPARE(oracle.value(QStringLiteral("workers_size")).toInteger(), qint64(work.size()));
    QVERIFY(!work.isEmpty());
    QSet<QString> expected;
    for (const QJsonValue& value : work) {
        const QJsonObject w = value.toObject();
        expected << QStringLiteral("%1|%2|%3|%4|%5")
                        .arg(w.value(QStringLiteral("thread")).toString(),
                            w.value(QStringLiteral("jid")).toString(),
                            w.value(QStringLiteral("queue")).toString(),
                            w.value(QStringLiteral("class")).toString())
                        .arg(w.value(QStringLiteral("run_at")).toInteger());
    }
    QSet<QString> got;
    for (const auto& job : process->jobs) {
        QVERIFY(job.runAt.has_value());
        QVERIFY(!job.payload.isEmpty());
        got << QStringLiteral("%1|%2|%3|%4|%5")
                   .arg(job.thread, job.jid, job.queue, job.jobClass)
                   .arg(qint64(*job.runAt));
    }
    QCOMPARE(got, expected);
}

void TestSidekiqReader::queueLatencyEqualsSidekiq()
{
    QString error;
    const QJsonObject oracle = m_rig->oracle(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Reading reading = read();
    const double oracleAt = oracle.value(QStringLiteral("at")).toDouble();
    const QJsonObject queues = oracle.value(QStringLiteral("queues")).toObject();
    int compared = 0;
    for (const auto& queue : reading.queues) {
        const double latency = queues.value(queue.name)[QStringLiteral("latency")].toDouble();
        if (queue.length == 0) {
            QVERIFY2(!queue.oldestEnqueuedAt, qPrintable(queue.name));
            QCOMPARE(latency, 0.0);
            continue;
        }
        QVERIFY2(queue.oldestEnqueuedAt, qPrintable(queue.name));
        // Queue#latency = now - enqueued_at, with "now" a little after the oracle's "at".
        const double enqueuedAt = oracleAt - latency;
        QVERIFY2(std::abs(*queue.oldestEnqueuedAt - enqueuedAt) < 1.0,
            qPrintable(QStringLiteral("%1: enqueued_at %2, Sidekiq's latency implies %3")
                           .arg(queue.name)
                           .arg(*queue.oldestEnqueuedAt, 0, 'f', 3)
                           .arg(enqueuedAt, 0, 'f', 3)));
        ++compared;
    }
    QVERIFY2(compared > 0, "the workload leaves jobs waiting in the parked queue");
}

void TestSidekiqReader::oneRoundTripPerRead()
{
    read(); // the script is cached from here on
    const Reading reading = read();
    QCOMPARE(reading.cost.roundTrips, qint64(1));
    QCOMPARE(reading.cost.commands, qint64(4)); // the script and three INFO sections
    QVERIFY(reading.cost.bytesSent < 200); // EVALSHA, not the script text
    QVERIFY(reading.server.usedMemory > 0);
    QVERIFY(reading.server.connectedClients > 0);
    qInfo("one read: %lld queues, %lld processes, %lld bytes sent, %lld received",
        qint64(reading.queues.size()), qint64(reading.processes.size()), reading.cost.bytesSent,
        reading.cost.bytesReceived);
    // After SCRIPT FLUSH the first read sends the script and still succeeds.
    m_rig->cli({QStringLiteral("SCRIPT"), QStringLiteral("FLUSH")});
    const Reading reloaded = read();
    QCOMPARE(reloaded.cost.roundTrips, qint64(2));
    QCOMPARE(reloaded.dead, reading.dead);
}

// With the worker stopped nothing else writes, so the data set's digest must not move.
void TestSidekiqReader::readChangesNothing()
{
    QVERIFY2(m_rig->stopWorker(), qPrintable(m_rig->workerLogTail()));
    const QByteArray before = m_rig->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")});
    QVERIFY(before.size() == 40);
    m_rig->cli({QStringLiteral("SCRIPT"), QStringLiteral("FLUSH")});
    const Reading first = read(); // EVAL
    const Reading second = read(); // EVALSHA
    QCOMPARE(m_rig->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")}), before);
    QCOMPARE(second.dead, first.dead);
    QCOMPARE(second.queues, first.queues);
    // A cleanly stopped process leaves `processes` at once; its hash lingers until its TTL.
    QVERIFY(!liveProcess(second));
}

void TestSidekiqReader::deadProcessIsListedNotPruned()
{
    const QByteArray prefix = m_rig->prefix();
    const QString ghost = QStringLiteral("ghost-host:4242:0123456789ab");
    m_rig->cli({QStringLiteral("SADD"), QString::fromUtf8(prefix + "processes"), ghost});
    const QByteArray before = m_rig->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")});
    const Reading reading = read();
    QCOMPARE(m_rig->cli({QStringLiteral("DEBUG"), QStringLiteral("DIGEST")}), before);
    QCOMPARE(
        m_rig->cli({QStringLiteral("SISMEMBER"), QString::fromUtf8(prefix + "processes"), ghost}),
        QByteArray("1"));
    const ProcessReading* found = nullptr;
    for (const auto& process : reading.processes)
        if (process.identity == ghost)
            found = &process;
    QVERIFY(found);
    QVERIFY(!found->alive);
    QVERIFY(!found->ttlMs);
    QVERIFY(found->jobs.isEmpty());
}

void TestSidekiqReader::wrongTypedKeyIsNamed()
{
    const QString key = QString::fromUtf8(m_rig->prefix() + "retry");
    m_rig->cli({QStringLiteral("RENAME"), key, key + QStringLiteral("-kept")});
    m_rig->cli({QStringLiteral("SET"), key, QStringLiteral("not a sorted set")});
    try {
        read();
        QFAIL("a string at the retry key must fail the read");
    } catch (const qd::sidekiq::DataError& error) {
        QCOMPARE(error.key(), key);
        QVERIFY2(error.reason().contains(u"WRONGTYPE"), qPrintable(error.reason()));
    }
    m_rig->cli({QStringLiteral("DEL"), key});
    m_rig->cli({QStringLiteral("RENAME"), key + QStringLiteral("-kept"), key});
    QVERIFY(read().retry > 0);
}

QTEST_GUILESS_MAIN(TestSidekiqReader)
#include "TestSidekiqReader.moc"
