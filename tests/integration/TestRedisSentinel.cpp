// Sentinel mode: the master is found through the Sentinels and checked with ROLE, an unknown
// master name is a clear error, and after a forced failover the next connection reaches the
// new master.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "support/RedisSentinelSet.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::ClusterMode;
using qd::redis::ConnectionError;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::test::freeLoopbackPort;
using qd::test::RedisSentinelSet;

class TestRedisSentinel final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void findsTheMaster();
    void unknownMasterNameIsClusterDown();
    void followsAFailover();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisClient> client(const QString& masterName) const;

    std::unique_ptr<RedisSentinelSet> m_set;
};

std::unique_ptr<RedisClient> TestRedisSentinel::client(const QString& masterName) const
{
    ClusterConfig config;
    config.name = u"sentinel"_s;
    config.mode = ClusterMode::Sentinel;
    // A dead Sentinel first: the resolver must move on to the next one.
    config.endpoint = u"127.0.0.1:"_s + QString::number(freeLoopbackPort());
    config.seeds = m_set->sentinelEndpoints();
    config.sentinelMaster = masterName;
    return RedisClient::create(config, 2s);
}

void TestRedisSentinel::initTestCase()
{
    QString error;
    m_set = RedisSentinelSet::start(2, &error);
    QVERIFY2(m_set, qPrintable(error));
}

void TestRedisSentinel::findsTheMaster()
{
    const auto redis = client(m_set->masterName());
    QCOMPARE(redis->masters().constFirst().address(), m_set->master()->endpoint());
    QCOMPARE(redis->command({"SET", "through", "sentinel"}), Reply::status("OK"));
    QCOMPARE(m_set->master()->cli({u"GET"_s, u"through"_s}), "sentinel"_ba);
    QCOMPARE(redis->command({"ROLE"}).at(0), Reply::string("master"));
}

void TestRedisSentinel::unknownMasterNameIsClusterDown()
{
    const auto redis = client(u"no-such-master"_s);
    try {
        redis->command({"PING"});
        QFAIL("an unknown master name must fail");
    } catch (const ConnectionError& error) {
        QCOMPARE(error.kind(), ConnectionError::Kind::ClusterDown);
        QVERIFY2(error.reason().contains(u"no-such-master"_s), error.what());
    }
}

void TestRedisSentinel::followsAFailover()
{
    const auto redis = client(m_set->masterName());
    const QString before = m_set->master()->endpoint();
    QCOMPARE(redis->masters().constFirst().address(), before);
    // WAIT on the same connection: the write must have reached the replica before the
    // failover, or the new master legitimately would not have it.
    QCOMPARE(redis->pipeline({{"SET", "before", "failover"}, {"WAIT", "1", "5000"}}),
        (QList<Reply> {Reply::status("OK"), Reply::integer(1)}));

    QString error;
    const QString after = m_set->failover(30000, &error);
    QVERIFY2(!after.isEmpty(), qPrintable(error));
    QVERIFY(after != before);

    // The same client, without being told: the old connection is dropped (Sentinel kills the
    // demoted master's clients, or the write gets READONLY) and the next one asks again.
    const auto writesToNewMaster = [&redis, &after] {
        try {
            return redis->command({"SET", "after", "failover"}) == Reply::status("OK")
                && redis->masters().constFirst().address() == after;
        } catch (const ConnectionError&) {
            return false;
        }
    };
    QTRY_VERIFY_WITH_TIMEOUT(writesToNewMaster(), 20000);
    QCOMPARE(m_set->master()->endpoint(), after);
    QCOMPARE(m_set->master()->cli({u"GET"_s, u"after"_s}), "failover"_ba);
    QCOMPARE(redis->command({"GET", "before"}), Reply::string("failover"));
}

void TestRedisSentinel::cleanupTestCase()
{
    m_set.reset();
}

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "TestRedisSentinel.moc"
