// The Sidekiq reader's reply parsing without a server: well-formed replies become readings,
// malformed ones a DataError naming the key, never a crash.
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/redis/Reply.h"

#include <QTest>

using qd::redis::Reply;
using qd::sidekiq::DataError;
using qd::sidekiq::SidekiqReader;

Q_DECLARE_METATYPE(Reply)

namespace {

Reply s(const char* text)
{
    return Reply::string(QByteArray(text));
}

Reply arr(QList<Reply> elements)
{
    return Reply::array(std::move(elements));
}

const char kInfo[] = "{\"hostname\":\"web-1\",\"started_at\":1765000000.5,\"pid\":4242,"
                     "\"tag\":\"app\",\"concurrency\":10,\"queues\":[\"default\",\"low\"],"
                     "\"labels\":[],\"identity\":\"web-1:4242:abc\"}";
const char kWork[] = "{\"queue\":\"default\",\"payload\":\"{\\\"class\\\":\\\"HardJob\\\","
                     "\\\"jid\\\":\\\"j1\\\",\\\"queue\\\":\\\"default\\\"}\","
                     "\"run_at\":1765000100}";

Reply process(Reply fields, Reply jobs, qint64 ttl = 55000)
{
    return arr({s("web-1:4242:abc"), std::move(fields), Reply::integer(ttl), s("workers"),
        std::move(jobs)});
}

Reply healthyFields()
{
    return arr({s(kInfo), s("1"), s("1765000200.25"), s("false")});
}

// The script's reply for one queue and one process, with parts replaced by the caller.
Reply reply(Reply processed = s("120"), Reply dead = Reply::integer(3),
    Reply queue = arr({s("default"), Reply::integer(2), s("1765000000.125")}),
    Reply proc = process(healthyFields(), arr({s("t1"), s(kWork)})))
{
    return arr({std::move(processed), s("7"), Reply::integer(1), Reply::integer(2), std::move(dead),
        Reply::integer(1), arr({std::move(queue)}), Reply::integer(1), arr({std::move(proc)})});
}

} // namespace

class TestSidekiqReply : public QObject {
    Q_OBJECT

private slots:
    void wellFormed();
    void missingCountersAreZero();
    void expiredProcessIsNotAlive();
    void sidekiq8Milliseconds();
    void contentProblemsAreReportedNotThrown();
    void malformed_data();
    void malformed();
};

void TestSidekiqReply::wellFormed()
{
    const auto reading = SidekiqReader::parse(reply(), "ns:");
    QCOMPARE(reading.processed, 120);
    QCOMPARE(reading.failed, 7);
    QCOMPARE(reading.scheduled, 1);
    QCOMPARE(reading.retry, 2);
    QCOMPARE(reading.dead, 3);
    QCOMPARE(reading.queues.size(), 1);
    QCOMPARE(reading.queues[0].name, QStringLiteral("default"));
    QCOMPARE(reading.queues[0].length, 2);
    QCOMPARE(*reading.queues[0].oldestEnqueuedAt, 1765000000.125);
    QCOMPARE(reading.processes.size(), 1);
    const auto& p = reading.processes[0];
    QVERIFY(p.alive);
    QCOMPARE(p.hostname, QStringLiteral("web-1"));
    QCOMPARE(p.tag, QStringLiteral("app"));
    QCOMPARE(*p.pid, 4242);
    QCOMPARE(*p.concurrency, 10);
    QCOMPARE(p.queues, QStringList({QStringLiteral("default"), QStringLiteral("low")}));
    QCOMPARE(p.busy, 1);
    QCOMPARE(*p.beat, 1765000200.25);
    QVERIFY(!p.quiet);
    QCOMPARE(*p.ttlMs, 55000);
    QCOMPARE(p.jobsKey, QStringLiteral("workers"));
    QCOMPARE(p.jobs.size(), 1);
    QCOMPARE(p.jobs[0].thread, QStringLiteral("t1"));
    QCOMPARE(p.jobs[0].jid, QStringLiteral("j1"));
    QCOMPARE(p.jobs[0].jobClass, QStringLiteral("HardJob"));
    QCOMPARE(p.jobs[0].queue, QStringLiteral("default"));
    QCOMPARE(*p.jobs[0].runAt, 1765000100.0);
    QVERIFY(p.jobs[0].payload.contains("HardJob"));
    QVERIFY(reading.problems.isEmpty());
    QVERIFY(!reading.queuesTruncated());
}

void TestSidekiqReply::missingCountersAreZero()
{
    const auto reading = SidekiqReader::parse(reply(Reply::nil()), {});
    QCOMPARE(reading.processed, 0);
}

void TestSidekiqReply::expiredProcessIsNotAlive()
{
    const auto reading = SidekiqReader::parse(
        reply(s("1"), Reply::integer(0), arr({s("low"), Reply::integer(0), Reply::nil()}),
            process(arr({Reply::nil(), Reply::nil(), Reply::nil(), Reply::nil()}), arr({}), -2)),
        {});
    QVERIFY(!reading.queues[0].oldestEnqueuedAt);
    const auto& p = reading.processes[0];
    QVERIFY(!p.alive);
    QVERIFY(!p.ttlMs);
    QVERIFY(!p.beat);
    QVERIFY(p.jobs.isEmpty());
    QVERIFY(p.jobsKey.isEmpty());
}

void TestSidekiqReply::sidekiq8Milliseconds()
{
    const auto reading = SidekiqReader::parse(
        reply(s("1"), Reply::integer(0), arr({s("q"), Reply::integer(1), s("1765000000125")})), {});
    QCOMPARE(*reading.queues[0].oldestEnqueuedAt, 1765000000.125);
}

void TestSidekiqReply::contentProblemsAreReportedNotThrown()
{
    const auto reading = SidekiqReader::parse(
        reply(s("1"), Reply::integer(0), arr({s("q"), Reply::integer(0), Reply::nil()}),
            process(arr({s("{not json"), s("0"), s("1765000200"), s("true")}),
                arr({s("t9"), s("garbage")}))),
        "ns:");
    const auto& p = reading.processes[0];
    QVERIFY(p.alive);
    QVERIFY(p.quiet);
    QVERIFY(!p.pid);
    QCOMPARE(p.jobs.size(), 1);
    QCOMPARE(reading.problems.size(), 2);
    QVERIFY2(
        reading.problems[0].startsWith(u"ns:web-1:4242:abc:"), qPrintable(reading.problems[0]));
    QVERIFY2(reading.problems[1].startsWith(u"ns:web-1:4242:abc:workers:"),
        qPrintable(reading.problems[1]));
}

void TestSidekiqReply::malformed_data()
{
    QTest::addColumn<Reply>("input");
    QTest::addColumn<QString>("key");
    const Reply wrongType
        = Reply::error("WRONGTYPE Operation against a key holding the wrong kind");
    QTest::newRow("not an array") << s("OK") << "(read script)";
    QTest::newRow("short") << arr({s("1")}) << "(read script)";
    QTest::newRow("counter not a number") << reply(s("many")) << "ns:stat:processed";
    QTest::newRow("dead wrong type") << reply(s("1"), wrongType) << "ns:dead";
    QTest::newRow("queue wrong type")
        << reply(s("1"), Reply::integer(0), arr({s("q"), wrongType, Reply::nil()})) << "ns:queue:q";
    QTest::newRow("queue entry short")
        << reply(s("1"), Reply::integer(0), arr({s("q")})) << "ns:queue:?";
    QTest::newRow("queue name not text") << reply(
        s("1"), Reply::integer(0), arr({Reply::integer(5), Reply::integer(0), Reply::nil()}))
                                         << "ns:queues";
    QTest::newRow("process hash wrong type") << reply(s("1"), Reply::integer(0),
        arr({s("q"), Reply::integer(0), Reply::nil()}), process(wrongType, arr({})))
                                             << "ns:web-1:4242:abc";
    QTest::newRow("busy not a number")
        << reply(s("1"), Reply::integer(0), arr({s("q"), Reply::integer(0), Reply::nil()}),
               process(arr({s(kInfo), s("lots"), s("1"), s("false")}), arr({})))
        << "ns:web-1:4242:abc busy";
    QTest::newRow("workers wrong type") << reply(s("1"), Reply::integer(0),
        arr({s("q"), Reply::integer(0), Reply::nil()}), process(healthyFields(), wrongType))
                                        << "ns:web-1:4242:abc:workers";
    QTest::newRow("workers odd") << reply(s("1"), Reply::integer(0),
        arr({s("q"), Reply::integer(0), Reply::nil()}), process(healthyFields(), arr({s("t1")})))
                                 << "ns:web-1:4242:abc:workers";
}

void TestSidekiqReply::malformed()
{
    QFETCH(Reply, input);
    QFETCH(QString, key);
    try {
        SidekiqReader::parse(input, "ns:");
        QFAIL("expected a DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.key(), key);
        QVERIFY(QString::fromUtf8(error.what()).contains(key));
    }
}

QTEST_GUILESS_MAIN(TestSidekiqReply)
#include "TestSidekiqReply.moc"
