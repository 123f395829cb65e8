// Pipelines against a real server: replies in order for 1, 100 and 10 000 commands, one round
// trip each, per-command errors, and megabytes in flight both ways without deadlock.

#include "core/config/ClusterConfig.h"
#include "core/redis/Connection.h"
#include "core/redis/Pipeline.h"
#include "core/redis/RedisClient.h"
#include "core/redis/Script.h"
#include "support/RedisServer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::redis::CallStats;
using qd::redis::Command;
using qd::redis::Connection;
using qd::redis::ConnectionSettings;
using qd::redis::Endpoint;
using qd::redis::Pipeline;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::redis::Script;
using qd::test::RedisServer;

class TestRedisPipeline final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void repliesComeBackInOrder_data();
    void repliesComeBackInOrder();
    void errorsArePerCommand();
    void bigValuesBothWays();
    void connectionRunsPipelinesDirectly();
    void scriptsGoAsShaAndAreLoadedOnNoScript();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisClient> client() const;

    std::unique_ptr<RedisServer> m_server;
};

std::unique_ptr<RedisClient> TestRedisPipeline::client() const
{
    ClusterConfig config;
    config.name = u"pipeline"_s;
    config.endpoint = m_server->endpoint();
    return RedisClient::create(config, 10s);
}

void TestRedisPipeline::initTestCase()
{
    QString error;
    m_server = RedisServer::start({}, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestRedisPipeline::repliesComeBackInOrder_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("100") << 100;
    QTest::newRow("10000") << 10000;
}

void TestRedisPipeline::repliesComeBackInOrder()
{
    QFETCH(int, count);
    const auto redis = client();
    const QByteArray counter = "counter:" + QByteArray::number(count);
    // INCR proves execution order, ECHO proves reply order; they alternate.
    QList<Command> commands;
    for (int i = 0; i < count; ++i)
        commands.append(
            i % 2 ? Command {"ECHO", "e" + QByteArray::number(i)} : Command {"INCR", counter});
    CallStats stats;
    const QList<Reply> replies = redis->pipeline(commands, &stats);
    QCOMPARE(replies.size(), count);
    for (int i = 0; i < count; ++i) {
        const Reply expected
            = i % 2 ? Reply::string("e" + QByteArray::number(i)) : Reply::integer(i / 2 + 1);
        if (replies.at(i) != expected)
            QFAIL(qPrintable(u"reply %1 is %2"_s.arg(i).arg(replies.at(i).toDebugString())));
    }
    QCOMPARE(stats.roundTrips, 1);
    QCOMPARE(stats.commands, count);
}

void TestRedisPipeline::errorsArePerCommand()
{
    const auto redis = client();
    const QList<Reply> replies = redis->pipeline({
        {"SET", "typed", "string"},
        {"LPUSH", "typed", "x"},
        {"INCR", "typed"},
        {"GET", "typed"},
    });
    QCOMPARE(replies.at(0), Reply::status("OK"));
    QVERIFY(replies.at(1).isErrorCode("WRONGTYPE"));
    QVERIFY(replies.at(2).isErrorCode("ERR"));
    QCOMPARE(replies.at(3), Reply::string("string"));
}

void TestRedisPipeline::bigValuesBothWays()
{
    // 48 MB written while 48 MB of replies come back: only works if replies are read while
    // the request is still being written.
    const auto redis = client();
    const QByteArray value(qsizetype(256) * 1024, 'v');
    QList<Command> commands;
    for (int i = 0; i < 192; ++i) {
        commands.append({"SET", "big:" + QByteArray::number(i), value});
        commands.append({"GET", "big:" + QByteArray::number(i)});
    }
    const QList<Reply> replies = redis->pipeline(commands);
    QCOMPARE(replies.size(), commands.size());
    for (qsizetype i = 1; i < replies.size(); i += 2)
        QVERIFY(replies.at(i).toByteArray() == value);
    QVERIFY(redis->command({"DBSIZE"}).toInteger() >= 192);
}

void TestRedisPipeline::connectionRunsPipelinesDirectly()
{
    ConnectionSettings settings;
    settings.endpoint = *Endpoint::parse(m_server->endpoint());
    const std::unique_ptr<Connection> connection = Connection::open(settings);
    Pipeline pipeline;
    pipeline.add({"RPUSH", "direct", "a"})
        .add({"RPUSH", "direct", "b"})
        .add({"LRANGE", "direct", "0", "-1"});
    const QList<Reply> replies = connection->pipeline(pipeline);
    QCOMPARE(replies.at(2), Reply::array({Reply::string("a"), Reply::string("b")}));
    QVERIFY(connection->pipeline(Pipeline()).isEmpty());
    QVERIFY(connection->isIdleHealthy());
}

namespace {

// calls of `command` in INFO commandstats ("cmdstat_evalsha:calls=3,...").
qint64 commandCalls(RedisClient& redis, const QByteArray& command)
{
    const QByteArray info = redis.command({"INFO", "commandstats"}).toByteArray();
    const QByteArray tag = "cmdstat_" + command + ":calls=";
    const qsizetype at = info.indexOf(tag);
    if (at < 0)
        return 0;
    const qsizetype from = at + tag.size();
    return info.mid(from, info.indexOf(',', from) - from).toLongLong();
}

} // namespace

void TestRedisPipeline::scriptsGoAsShaAndAreLoadedOnNoScript()
{
    // A script call goes out as EVALSHA. The server does not know the script at first, nor
    // after SCRIPT FLUSH: the connection then sends that call again as EVAL, in place, and the
    // other replies of the pipeline keep their positions.
    static const Script sum("return tonumber(ARGV[1]) + redis.call('LLEN', KEYS[1])");
    const auto redis = client();
    redis->command({"SCRIPT", "FLUSH"});
    redis->command({"CONFIG", "RESETSTAT"});
    redis->command({"RPUSH", "script:list", "a", "b"});
    const auto round = [&](qint64 base) {
        const QList<Reply> replies = redis->pipeline({
            {"LLEN", "script:list"},
            sum.call(1).arg(QByteArray("script:list")).arg(base),
            {"ECHO", "after"},
        });
        QCOMPARE(replies.size(), 3);
        QCOMPARE(replies.at(0).toInteger(), 2);
        QCOMPARE(replies.at(1).toInteger(), base + 2);
        QCOMPARE(replies.at(2).toByteArray(), "after"_ba);
    };
    round(40);
    QCOMPARE(commandCalls(*redis, "evalsha"), 1); // answered NOSCRIPT
    QCOMPARE(commandCalls(*redis, "eval"), 1);
    round(50);
    round(60);
    QCOMPARE(commandCalls(*redis, "evalsha"), 3); // the script stayed in the server's cache
    QCOMPARE(commandCalls(*redis, "eval"), 1);
    QCOMPARE(redis->command({"SCRIPT", "EXISTS", sum.sha1()}), Reply::array({Reply::integer(1)}));
    redis->command({"SCRIPT", "FLUSH"});
    round(70);
    QCOMPARE(commandCalls(*redis, "eval"), 2);
    // A script error is the script's reply, not a reason to send it again.
    static const Script broken("return redis.call('NOSUCHCOMMAND')");
    const Reply failed = redis->command(broken.call(0));
    QVERIFY(failed.isError());
    QVERIFY(!failed.isErrorCode("NOSCRIPT"));
}

void TestRedisPipeline::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestRedisPipeline)
#include "TestRedisPipeline.moc"
