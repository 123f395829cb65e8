// The Redis layer against one plain redis-server: commands, databases, unix sockets, client
// name, cost accounting, and several threads sharing one client.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "support/RedisServer.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::redis::CallStats;
using qd::redis::Command;
using qd::redis::ConnectionError;
using qd::redis::NodeInfo;
using qd::redis::NodeResult;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::redis::Severity;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;

class TestRedisStandalone final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void commandsRoundTripBinarySafe();
    void errorRepliesDoNotThrow();
    void countsTheCostOfEachCall();
    void selectsTheConfiguredDatabase_data();
    void selectsTheConfiguredDatabase();
    void missingDatabaseIsWrongDb();
    void reachesAUnixSocket();
    void namesItselfToTheServer();
    void perMasterGivesTheOneNode();
    void passwordTheServerDoesNotNeedStillWorks();
    void threadsShareOneClient();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisClient> client(const QString& endpoint, int db = 0) const;

    std::unique_ptr<RedisServer> m_server;
};

std::unique_ptr<RedisClient> TestRedisStandalone::client(const QString& endpoint, int db) const
{
    ClusterConfig config;
    config.name = u"standalone"_s;
    config.endpoint = endpoint;
    config.db = db;
    return RedisClient::create(config, 2s);
}

void TestRedisStandalone::initTestCase()
{
    RedisServerOptions options;
    options.unixSocket = true;
    QString error;
    m_server = RedisServer::start(options, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestRedisStandalone::commandsRoundTripBinarySafe()
{
    const auto redis = client(m_server->endpoint());
    const QByteArray key("bin\0key {x}\r\n", 13);
    const QByteArray value("\0\xff\r\n$3\r\n*1 \"quoted\"", 20);
    QCOMPARE(redis->command({"SET", key, value}), Reply::status("OK"));
    QCOMPARE(redis->command({"GET", key}), Reply::string(value));
    QCOMPARE(redis->command({"GET", "missing"}), Reply::nil());
    QCOMPARE(redis->command({"RPUSH", "list", "a", "b"}), Reply::integer(2));
    QCOMPARE(redis->command({"LRANGE", "list", "0", "-1"}),
        Reply::array({Reply::string("a"), Reply::string("b")}));
    QCOMPARE(redis->command({"SET", "plain", value}), Reply::status("OK"));
    QCOMPARE(m_server->cli({u"STRLEN"_s, u"plain"_s}), "20"_ba);
}

void TestRedisStandalone::errorRepliesDoNotThrow()
{
    const auto redis = client(m_server->endpoint());
    QCOMPARE(redis->command({"SET", "scalar", "1"}), Reply::status("OK"));
    const QList<Reply> replies
        = redis->pipeline({{"LPUSH", "scalar", "x"}, {"NOSUCHCOMMAND"}, {"INCR", "scalar"}});
    QVERIFY(replies.at(0).isErrorCode("WRONGTYPE"));
    QVERIFY(replies.at(1).isErrorCode("ERR"));
    QCOMPARE(replies.at(2), Reply::integer(2));
    QCOMPARE(redis->command({"PING"}), Reply::status("PONG")); // the connection is still good
}

void TestRedisStandalone::countsTheCostOfEachCall()
{
    const auto redis = client(m_server->endpoint());
    CallStats poll;
    redis->pipeline({{"PING"}, {"LLEN", "q1"}, {"LLEN", "q2"}}, &poll);
    QCOMPARE(poll.roundTrips, 1);
    QCOMPARE(poll.commands, 3);
    // *1 $4 PING = 14 bytes, *2 $4 LLEN $2 qN = 22 each; +PONG :0 :0 = 7 + 4 + 4
    QCOMPARE(poll.bytesSent, 58);
    QCOMPARE(poll.bytesReceived, 15);
    redis->command({"PING"}, &poll);
    QCOMPARE(poll.roundTrips, 2);
    QCOMPARE(redis->totals(), poll);
}

void TestRedisStandalone::selectsTheConfiguredDatabase_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("db");
    QTest::newRow("config field") << m_server->endpoint() << 3;
    QTest::newRow("URL path") << u"redis://"_s + m_server->endpoint() + u"/4"_s << 0;
}

void TestRedisStandalone::selectsTheConfiguredDatabase()
{
    QFETCH(QString, endpoint);
    QFETCH(int, db);
    const auto redis = client(endpoint, db);
    const int expected = db != 0 ? db : 4;
    QCOMPARE(redis->command({"SET", "where", "here"}), Reply::status("OK"));
    QCOMPARE(m_server->cli({u"-n"_s, QString::number(expected), u"GET"_s, u"where"_s}), "here"_ba);
    QCOMPARE(m_server->cli({u"-n"_s, u"0"_s, u"EXISTS"_s, u"where"_s}), "0"_ba);
}

void TestRedisStandalone::missingDatabaseIsWrongDb()
{
    const auto redis = client(m_server->endpoint(), 99); // the server has 16 databases
    try {
        redis->command({"PING"});
        QFAIL("SELECT 99 must fail");
    } catch (const ConnectionError& error) {
        QCOMPARE(error.kind(), ConnectionError::Kind::WrongDb);
        QCOMPARE(error.severity(), Severity::Error);
        QVERIFY2(error.reason().contains(u"99"_s), error.what());
    }
}

void TestRedisStandalone::reachesAUnixSocket()
{
    const auto redis = client(u"unix://"_s + m_server->unixSocketPath() + u"?db=2"_s);
    QCOMPARE(redis->command({"SET", "via", "unix"}), Reply::status("OK"));
    QCOMPARE(m_server->cli({u"-n"_s, u"2"_s, u"GET"_s, u"via"_s}), "unix"_ba);
    QCOMPARE(redis->masters().constFirst().address(), m_server->unixSocketPath());
}

void TestRedisStandalone::namesItselfToTheServer()
{
    const auto redis = client(m_server->endpoint());
    QCOMPARE(redis->command({"CLIENT", "GETNAME"}), Reply::string("queuedeck"));
}

void TestRedisStandalone::perMasterGivesTheOneNode()
{
    const auto redis = client(m_server->endpoint());
    CallStats stats;
    const QList<NodeResult> results = redis->perMaster(
        [](const NodeInfo&) {
            return QList<Command> {{"INFO", "server"}, {"DBSIZE"}};
        },
        &stats);
    QCOMPARE(results.size(), 1);
    QVERIFY(results.at(0).ok());
    QCOMPARE(results.at(0).node.address(), m_server->endpoint());
    QVERIFY(results.at(0).replies.at(0).toByteArray().contains("redis_version:"));
    QVERIFY(results.at(0).replies.at(1).isInteger());
    QCOMPARE(stats.roundTrips, 1);
}

void TestRedisStandalone::passwordTheServerDoesNotNeedStillWorks()
{
    ClusterConfig config;
    config.name = u"lab"_s;
    config.endpoint = m_server->endpoint();
    config.password = u"not-needed"_s;
    const auto redis = RedisClient::create(config, 2s);
    QCOMPARE(redis->command({"PING"}), Reply::status("PONG"));
}

void TestRedisStandalone::threadsShareOneClient()
{
    const auto redis = client(m_server->endpoint());
    redis->command({"DEL", "shared-counter"});
    std::vector<std::thread> threads;
    threads.reserve(6);
    std::atomic<int> failures = 0;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&redis, &failures] {
            for (int i = 0; i < 100; ++i) {
                try {
                    redis->pipeline({{"INCR", "shared-counter"}, {"PING"}});
                } catch (const ConnectionError&) {
                    ++failures;
                }
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(redis->command({"GET", "shared-counter"}), Reply::string("600"));
    QCOMPARE(redis->totals().roundTrips, 602);
}

void TestRedisStandalone::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestRedisStandalone)
#include "TestRedisStandalone.moc"
