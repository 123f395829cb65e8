// Editing a stored Sidekiq job: one top-level member changes, every other byte stays.
#include "core/queues/sidekiq/SidekiqJob.h"

#include <QTest>

using namespace qd::sidekiq;

class TestSidekiqJob : public QObject {
    Q_OBJECT

private slots:
    void memberText_data();
    void memberText();
    void withMemberReplacesOnlyTheTopLevel();
    void withMemberAppends();
    void notAnObject_data();
    void notAnObject();
    void forRequeueKeepsBigIntegers();
    void forRequeueMilliseconds();
    void forRequeueWithoutRetryCount();
};

void TestSidekiqJob::memberText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("expected"); // empty: missing
    const QByteArray job = "{\"class\":\"A\",\"args\":[{\"queue\":\"inner\"},\"x\\\"y\"],"
                           "\"queue\":\"default\",\"retry_count\":3,\"nested\":{\"a\":[1,{}]}}";
    QTest::newRow("string") << job << QByteArray("queue") << QByteArray("\"default\"");
    QTest::newRow("integer") << job << QByteArray("retry_count") << QByteArray("3");
    QTest::newRow("array") << job << QByteArray("args")
                           << QByteArray("[{\"queue\":\"inner\"},\"x\\\"y\"]");
    QTest::newRow("object") << job << QByteArray("nested") << QByteArray("{\"a\":[1,{}]}");
    QTest::newRow("missing") << job << QByteArray("jid") << QByteArray();
    QTest::newRow("spaces") << QByteArray(" { \"a\" : 1 , \"b\" : \"c\" } ") << QByteArray("b")
                            << QByteArray("\"c\"");
}

void TestSidekiqJob::memberText()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, expected);
    const auto text = job::memberText(json, key);
    QCOMPARE(text.value_or(QByteArray()), expected);
}

void TestSidekiqJob::withMemberReplacesOnlyTheTopLevel()
{
    const QByteArray json = "{\"args\":[{\"enqueued_at\":1}],\"enqueued_at\":1700000000.5,"
                            "\"big\":12345678901234567890}";
    QCOMPARE(job::withMember(json, "enqueued_at", "1800000000.250000"),
        QByteArray("{\"args\":[{\"enqueued_at\":1}],\"enqueued_at\":1800000000.250000,"
                   "\"big\":12345678901234567890}"));
}

void TestSidekiqJob::withMemberAppends()
{
    QCOMPARE(job::withMember("{\"a\":1}", "b", "2"), QByteArray("{\"a\":1,\"b\":2}"));
    QCOMPARE(job::withMember("{}", "b", "2"), QByteArray("{\"b\":2}"));
}

void TestSidekiqJob::notAnObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("unterminated string") << QByteArray("{\"a\":\"b");
    QTest::newRow("unterminated object") << QByteArray("{\"a\":{\"b\":1}");
    QTest::newRow("missing value") << QByteArray("{\"a\":}");
    QTest::newRow("trailing garbage") << QByteArray("{\"a\":1}x");
    QTest::newRow("backslash at end") << QByteArray("{\"a\":\"\\");
}

void TestSidekiqJob::notAnObject()
{
    QFETCH(QByteArray, json);
    QVERIFY(!job::memberText(json, "a"));
    QVERIFY(job::withMember(json, "a", "1").isEmpty());
    QVERIFY(job::forRequeue(json, 1.0).isEmpty());
    QVERIFY(job::parsed(json).contains(QStringLiteral("raw")));
}

void TestSidekiqJob::forRequeueKeepsBigIntegers()
{
    const QByteArray dead = "{\"class\":\"A\",\"args\":[9007199254740993],\"queue\":\"q\","
                            "\"created_at\":1700000000.123,\"enqueued_at\":1700000000.2,"
                            "\"retry_count\":2,\"jid\":\"j\"}";
    QCOMPARE(job::forRequeue(dead, 1800000000.5),
        QByteArray("{\"class\":\"A\",\"args\":[9007199254740993],\"queue\":\"q\","
                   "\"created_at\":1700000000.123,\"enqueued_at\":1800000000.500000,"
                   "\"retry_count\":1,\"jid\":\"j\"}"));
}

void TestSidekiqJob::forRequeueMilliseconds()
{
    QCOMPARE(job::forRequeue("{\"created_at\":1700000000123}", 1800000000.5),
        QByteArray("{\"created_at\":1700000000123,\"enqueued_at\":1800000000500}"));
}

void TestSidekiqJob::forRequeueWithoutRetryCount()
{
    QCOMPARE(job::forRequeue("{\"jid\":\"j\"}", 2.0),
        QByteArray("{\"jid\":\"j\",\"enqueued_at\":2.000000}"));
}

QTEST_GUILESS_MAIN(TestSidekiqJob)
#include "TestSidekiqJob.moc"
