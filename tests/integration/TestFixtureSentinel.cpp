// The RedisSentinelSet fixture: Sentinels report the master, a forced failover promotes the
// replica and the old master ends up replicating from it.

#include "support/RedisSentinelSet.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using qd::test::RedisSentinelSet;

class TestFixtureSentinel final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sentinelsReportTheMaster();
    void failoverPromotesTheReplica();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisSentinelSet> m_set;
};

void TestFixtureSentinel::initTestCase()
{
    QString error;
    m_set = RedisSentinelSet::start(2, &error);
    QVERIFY2(m_set, qPrintable(error));
}

void TestFixtureSentinel::sentinelsReportTheMaster()
{
    QCOMPARE(m_set->masterName(), u"mymaster"_s);
    QCOMPARE(m_set->sentinelEndpoints().size(), 2);
    QCOMPARE(m_set->sentinels().size(), 2);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(m_set->reportedMasterEndpoint(i), m_set->master()->endpoint());
    for (auto* sentinel : m_set->sentinels())
        QVERIFY(sentinel->cli({u"INFO"_s, u"server"_s}).contains("redis_mode:sentinel"));
    QVERIFY(m_set->master()->cli({u"ROLE"_s}).startsWith("master"));
    QVERIFY(m_set->replica()->cli({u"ROLE"_s}).startsWith("slave"));
}

void TestFixtureSentinel::failoverPromotesTheReplica()
{
    auto* oldMaster = m_set->master();
    auto* oldReplica = m_set->replica();
    QCOMPARE(oldMaster->cli({u"SET"_s, u"before"_s, u"failover"_s}), QByteArrayLiteral("OK"));

    QElapsedTimer timer;
    timer.start();
    QString error;
    const QString promoted = m_set->failover(30000, &error);
    QVERIFY2(!promoted.isEmpty(), qPrintable(error));
    qInfo("failover took %lld ms", timer.restart());
    QCOMPARE(promoted, oldReplica->endpoint());
    QCOMPARE(m_set->master(), oldReplica);
    QCOMPARE(m_set->replica(), oldMaster);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(m_set->reportedMasterEndpoint(i), promoted);
    QVERIFY(oldReplica->cli({u"ROLE"_s}).startsWith("master"));
    QCOMPARE(oldReplica->cli({u"GET"_s, u"before"_s}), QByteArrayLiteral("failover"));
    QCOMPARE(oldReplica->cli({u"SET"_s, u"after"_s, u"failover"_s}), QByteArrayLiteral("OK"));

    QVERIFY2(m_set->waitUntilReplicated(30000, &error), qPrintable(error));
    qInfo("old master converted after %lld ms", timer.elapsed());
    QVERIFY(oldMaster->cli({u"ROLE"_s}).startsWith("slave"));
    QTRY_COMPARE(oldMaster->cli({u"GET"_s, u"after"_s}), QByteArrayLiteral("failover"));
}

void TestFixtureSentinel::cleanupTestCase()
{
    m_set.reset();
}

QTEST_GUILESS_MAIN(TestFixtureSentinel)
#include "TestFixtureSentinel.moc"
