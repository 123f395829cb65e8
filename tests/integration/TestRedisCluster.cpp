// Redis Cluster with three masters: slot routing (checked against CLUSTER KEYSLOT), keys on
// every master, MOVED after a slot is resharded, ASK while it migrates, and fan-out.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/HashSlot.h"
#include "core/redis/RedisClient.h"
#include "support/RedisCluster.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::ClusterMode;
using qd::redis::CallStats;
using qd::redis::Command;
using qd::redis::ConnectionError;
using qd::redis::NodeInfo;
using qd::redis::NodeResult;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::test::RedisCluster;
using qd::test::RedisServer;
namespace hashslot = qd::redis::hashslot;

class TestRedisCluster final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void slotsMatchTheServer();
    void keysLandOnEveryMaster();
    void followsMovedAfterResharding();
    void followsAskDuringMigration();
    void transactionFollowsMovedAsAUnit();
    void transactionFollowsAskAsAUnit();
    void perMasterRunsInParallel();
    void unreachableMasterIsReportedPerNode();
    void cleanupTestCase();

private:
    static QList<Command> transaction(const QByteArray& first, const QByteArray& second);
    static void verifyTransactionReplies(const QList<Reply>& replies, const QList<Reply>& executed);
    RedisServer* ownerOf(const QByteArray& key) const;
    RedisServer* otherMaster(const RedisServer* than) const;
    static QString nodeId(const RedisServer* node);
    static QString cliValue(const RedisServer* node, const QStringList& args);

    std::unique_ptr<RedisCluster> m_cluster;
    std::unique_ptr<RedisClient> m_client;
};

void TestRedisCluster::initTestCase()
{
    QString error;
    m_cluster = RedisCluster::start(3, 0, &error);
    QVERIFY2(m_cluster, qPrintable(error));
}

void TestRedisCluster::init()
{
    const QStringList seeds = m_cluster->seedEndpoints();
    ClusterConfig config;
    config.name = u"cluster"_s;
    config.mode = ClusterMode::Cluster;
    config.endpoint = seeds.first();
    config.seeds = seeds.mid(1);
    m_client = RedisClient::create(config, 5s);
}

RedisServer* TestRedisCluster::ownerOf(const QByteArray& key) const
{
    // Each master's own line in CLUSTER NODES ("myself") ends with the slot ranges it serves;
    // "[slot->-id]" entries are migrations in progress, not ownership.
    const int slot = hashslot::of(key);
    for (RedisServer* master : m_cluster->masters()) {
        for (const QByteArray& line : master->cli({u"CLUSTER"_s, u"NODES"_s}).split('\n')) {
            if (!line.contains("myself"))
                continue;
            for (const QByteArray& field : line.trimmed().split(' ').mid(8)) {
                const QList<QByteArray> range = field.split('-');
                if (!field.startsWith('[') && range.first().toInt() <= slot
                    && slot <= range.last().toInt())
                    return master;
            }
        }
    }
    return nullptr;
}

RedisServer* TestRedisCluster::otherMaster(const RedisServer* than) const
{
    for (RedisServer* master : m_cluster->masters()) {
        if (master != than)
            return master;
    }
    return nullptr;
}

QString TestRedisCluster::nodeId(const RedisServer* node)
{
    return QString::fromLatin1(node->cli({u"CLUSTER"_s, u"MYID"_s}));
}

QString TestRedisCluster::cliValue(const RedisServer* node, const QStringList& args)
{
    return QString::fromUtf8(node->cli(args));
}

void TestRedisCluster::slotsMatchTheServer()
{
    QList<Command> commands;
    QList<QByteArray> keys {"jobqueue:high_priority", "jobqueue:dead_letter", "{w1}:processing",
        "a{w1}b", "foo{}{bar}", "foo{{bar}}zap", "x{", "}y{z}", "", "\xc3\xa9t\xc3\xa9"};
    for (int i = 0; i < 40; ++i)
        keys.append("key:" + QByteArray::number(i * 7919));
    for (const QByteArray& key : keys)
        commands.append(Command {"CLUSTER", "KEYSLOT", key});
    const QList<Reply> replies = m_client->pipeline(commands);
    for (qsizetype i = 0; i < keys.size(); ++i)
        QCOMPARE(replies.at(i).toInteger(), qint64(hashslot::of(keys.at(i))));
}

void TestRedisCluster::keysLandOnEveryMaster()
{
    QList<Command> sets;
    QList<Command> gets;
    for (int i = 0; i < 60; ++i) {
        const QByteArray key = "spread:" + QByteArray::number(i);
        sets.append({"SET", key, QByteArray::number(i)});
        gets.append({"GET", key});
    }
    CallStats stats;
    for (const Reply& reply : m_client->pipeline(sets, &stats))
        QCOMPARE(reply, Reply::status("OK"));
    QCOMPARE(stats.roundTrips, 3); // one pipeline per master, nothing redirected
    const QList<Reply> values = m_client->pipeline(gets);
    for (int i = 0; i < 60; ++i)
        QCOMPARE(values.at(i), Reply::string(QByteArray::number(i)));

    QSet<QString> holding;
    for (RedisServer* master : m_cluster->masters()) {
        if (cliValue(master, {u"DBSIZE"_s}).toInt() > 0)
            holding.insert(master->endpoint());
    }
    QCOMPARE(holding.size(), 3);
    const QList<NodeInfo> masters = m_client->masters();
    QCOMPARE(masters.size(), 3);
    for (const NodeInfo& node : masters)
        QVERIFY2(holding.contains(node.address()), qPrintable(node.address()));
}

void TestRedisCluster::followsMovedAfterResharding()
{
    const QByteArray key = "resharded-key";
    QCOMPARE(m_client->command({"SET", key, "v1"}), Reply::status("OK")); // caches the map
    RedisServer* source = ownerOf(key);
    QVERIFY(source);
    RedisServer* target = otherMaster(source);
    const QString slot = QString::number(hashslot::of(key));
    const QString sourceId = nodeId(source);
    const QString targetId = nodeId(target);

    // Move the slot and its key as redis-cli --cluster reshard would, then tell every master.
    QCOMPARE(
        cliValue(target, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"IMPORTING"_s, sourceId}), u"OK"_s);
    QCOMPARE(
        cliValue(source, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"MIGRATING"_s, targetId}), u"OK"_s);
    QCOMPARE(cliValue(source,
                 {u"MIGRATE"_s, target->host(), QString::number(target->port()),
                     QString::fromLatin1(key), u"0"_s, u"5000"_s}),
        u"OK"_s);
    for (RedisServer* master : m_cluster->masters())
        QCOMPARE(
            cliValue(master, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"NODE"_s, targetId}), u"OK"_s);

    CallStats stats;
    QCOMPARE(m_client->command({"GET", key}, &stats), Reply::string("v1"));
    QCOMPARE(stats.roundTrips, 2); // the old owner said MOVED, the new one answered
    stats = {};
    QCOMPARE(m_client->command({"GET", key}, &stats), Reply::string("v1"));
    QCOMPARE(stats.roundTrips, 1); // the map was refreshed: straight to the new owner
}

void TestRedisCluster::followsAskDuringMigration()
{
    const QByteArray moving = "{migrating}:moved";
    const QByteArray staying = "{migrating}:stays";
    QCOMPARE(m_client->pipeline({{"SET", moving, "m"}, {"SET", staying, "s"}}),
        (QList<Reply> {Reply::status("OK"), Reply::status("OK")}));
    RedisServer* source = ownerOf(moving);
    QVERIFY(source);
    RedisServer* target = otherMaster(source);
    const QString slot = QString::number(hashslot::of(moving));
    QCOMPARE(cliValue(target, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"IMPORTING"_s, nodeId(source)}),
        u"OK"_s);
    QCOMPARE(cliValue(source, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"MIGRATING"_s, nodeId(target)}),
        u"OK"_s);
    QCOMPARE(cliValue(source,
                 {u"MIGRATE"_s, target->host(), QString::number(target->port()),
                     QString::fromLatin1(moving), u"0"_s, u"5000"_s}),
        u"OK"_s);

    for (int round = 0; round < 2; ++round) { // ASK never changes the map: same cost each time
        CallStats stats;
        QCOMPARE(m_client->command({"GET", moving}, &stats), Reply::string("m"));
        QCOMPARE(stats.roundTrips, 2);
        stats = {};
        QCOMPARE(m_client->command({"GET", staying}, &stats), Reply::string("s"));
        QCOMPARE(stats.roundTrips, 1);
    }
    // Both in one pipeline: each is answered where it lives, in the caller's order.
    QCOMPARE(m_client->pipeline({{"GET", staying}, {"GET", moving}}),
        (QList<Reply> {Reply::string("s"), Reply::string("m")}));
}

QList<Command> TestRedisCluster::transaction(const QByteArray& first, const QByteArray& second)
{
    return {Command {"MULTI"}.routeBy(first), {"INCR", first}, {"INCR", second}, {"EXEC"}};
}

void TestRedisCluster::verifyTransactionReplies(
    const QList<Reply>& replies, const QList<Reply>& executed)
{
    QCOMPARE(replies.size(), 4);
    QCOMPARE(replies.at(0), Reply::status("OK"));
    QCOMPARE(replies.at(1), Reply::status("QUEUED"));
    QCOMPARE(replies.at(2), Reply::status("QUEUED"));
    // EXEC ran both INCRs in one transaction on one node; EXECABORT here means the block was
    // split by a redirect.
    QVERIFY2(replies.at(3).size() == 2, qPrintable(replies.at(3).toDebugString()));
    QCOMPARE(replies.at(3).at(0), executed.at(0));
    QCOMPARE(replies.at(3).at(1), executed.at(1));
}

void TestRedisCluster::transactionFollowsMovedAsAUnit()
{
    const QByteArray tag = "tx-moved";
    const QByteArray first = '{' + tag + "}:first";
    QCOMPARE(m_client->command({"DEL", first}), Reply::integer(0)); // caches the map
    RedisServer* source = ownerOf(first);
    QVERIFY(source);
    RedisServer* target = otherMaster(source);
    const QString slot = QString::number(hashslot::of(first));
    // The slot is empty: handing it over needs no MIGRATE, only every master's agreement.
    for (RedisServer* master : m_cluster->masters())
        QCOMPARE(cliValue(master, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"NODE"_s, nodeId(target)}),
            u"OK"_s);

    CallStats stats;
    verifyTransactionReplies(m_client->pipeline(transaction(first, '{' + tag + "}:second"), &stats),
        {Reply::integer(1), Reply::integer(1)});
    QCOMPARE(stats.roundTrips, 2); // the old owner said MOVED, the new one ran the block
    QCOMPARE(cliValue(target, {u"GET"_s, QString::fromLatin1(first)}), u"1"_s);
    QCOMPARE(cliValue(target, {u"GET"_s, u"{tx-moved}:second"_s}), u"1"_s);
    QCOMPARE(cliValue(source, {u"CLUSTER"_s, u"COUNTKEYSINSLOT"_s, slot}), u"0"_s);
}

void TestRedisCluster::transactionFollowsAskAsAUnit()
{
    const QByteArray tag = "tx-ask";
    const QByteArray first = '{' + tag + "}:first";
    QCOMPARE(m_client->command({"DEL", first}), Reply::integer(0));
    RedisServer* source = ownerOf(first);
    QVERIFY(source);
    RedisServer* target = otherMaster(source);
    const QString slot = QString::number(hashslot::of(first));
    QCOMPARE(cliValue(target, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"IMPORTING"_s, nodeId(source)}),
        u"OK"_s);
    QCOMPARE(cliValue(source, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"MIGRATING"_s, nodeId(target)}),
        u"OK"_s);
    // The key does not exist on the migrating source, so it answers ASK: the block must go to
    // the importing target behind one ASKING. (One key: an importing node answers TRYAGAIN to
    // a transaction over several keys it does not all have yet, as Redis Cluster specifies.)
    CallStats stats;
    verifyTransactionReplies(m_client->pipeline(transaction(first, first), &stats),
        {Reply::integer(1), Reply::integer(2)});
    QCOMPARE(stats.roundTrips, 2);
    QCOMPARE(m_client->command({"GET", first}), Reply::string("2"));
    // Finish the migration so the cluster is consistent for the tests after this one.
    for (RedisServer* master : m_cluster->masters())
        QCOMPARE(cliValue(master, {u"CLUSTER"_s, u"SETSLOT"_s, slot, u"NODE"_s, nodeId(target)}),
            u"OK"_s);
}

void TestRedisCluster::perMasterRunsInParallel()
{
    // WAIT blocks each master for 300 ms (there are no replicas to wait for). Run one after the
    // other this would take at least 900 ms.
    QElapsedTimer timer;
    timer.start();
    CallStats stats;
    const QList<NodeResult> results = m_client->perMaster(
        [](const NodeInfo& node) {
            return QList<Command> {{"WAIT", "1", "300"}, {"ECHO", node.address().toUtf8()}};
        },
        &stats);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(results.size(), 3);
    for (const NodeResult& result : results) {
        QVERIFY(result.ok());
        QCOMPARE(result.replies.at(0), Reply::integer(0));
        QCOMPARE(result.replies.at(1), Reply::string(result.node.address().toUtf8()));
    }
    QCOMPARE(stats.roundTrips, 3);
    QVERIFY2(elapsed < 850, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void TestRedisCluster::unreachableMasterIsReportedPerNode()
{
    QCOMPARE(m_client->masters().size(), 3);
    RedisServer* victim = m_cluster->masters().constLast();
    const QString victimAddress = victim->endpoint();
    victim->stop();
    const QList<NodeResult> results
        = m_client->perMaster([](const NodeInfo&) { return QList<Command> {{"DBSIZE"}}; });
    QCOMPARE(results.size(), 3);
    int failed = 0;
    for (const NodeResult& result : results) {
        if (result.node.address() == victimAddress) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error->kind(), ConnectionError::Kind::Refused);
            ++failed;
        } else {
            QVERIFY2(result.ok(), result.error ? result.error->what() : "");
            QVERIFY(result.replies.at(0).isInteger());
        }
    }
    QCOMPARE(failed, 1);
}

void TestRedisCluster::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

QTEST_GUILESS_MAIN(TestRedisCluster)
#include "TestRedisCluster.moc"
