// The RedisCluster fixture: three masters on loopback, every slot served, keys spread.

#include "support/RedisCli.h"
#include "support/RedisCluster.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using qd::test::RedisCli;
using qd::test::RedisCluster;

class TestFixtureCluster final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyNodeIsOk();
    void keysLandOnEveryMaster();
    void restartedNodeRejoins();
    void replicasFollowTheirMasters();
    void tooFewMastersIsAnError();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisCluster> m_cluster;
};

void TestFixtureCluster::initTestCase()
{
    QString error;
    m_cluster = RedisCluster::start(3, 0, &error);
    QVERIFY2(m_cluster, qPrintable(error));
}

void TestFixtureCluster::everyNodeIsOk()
{
    QCOMPARE(m_cluster->nodes().size(), 3);
    QCOMPARE(m_cluster->masters().size(), 3);
    QCOMPARE(m_cluster->seedEndpoints().size(), 3);
    for (auto* node : m_cluster->nodes()) {
        QVERIFY(node->options().clusterEnabled);
        QVERIFY(node->clusterBusPort() != 0 && node->clusterBusPort() != node->port());
        const QByteArray info = node->cli({u"CLUSTER"_s, u"INFO"_s});
        QVERIFY2(info.contains("cluster_state:ok"), info.constData());
        QVERIFY2(info.contains("cluster_slots_assigned:16384"), info.constData());
        QVERIFY2(info.contains("cluster_known_nodes:3"), info.constData());
    }
}

void TestFixtureCluster::keysLandOnEveryMaster()
{
    auto* seed = m_cluster->nodes().first();
    // Enough keys that each third of the slot space gets some; `-c` follows MOVED redirects.
    for (int i = 0; i < 30; ++i) {
        const QString key = u"fixture:key:%1"_s.arg(i);
        const auto set = RedisCli::run(
            seed->cliConnectionArgs() + QStringList {u"-c"_s, u"SET"_s, key, QString::number(i)});
        QCOMPARE(set.out, QByteArrayLiteral("OK"));
        const auto get
            = RedisCli::run(seed->cliConnectionArgs() + QStringList {u"-c"_s, u"GET"_s, key});
        QCOMPARE(get.out, QByteArray::number(i));
    }
    QSet<QString> holding;
    int total = 0;
    for (auto* master : m_cluster->masters()) {
        const int keys = master->cli({u"DBSIZE"_s}).toInt();
        if (keys > 0)
            holding.insert(master->endpoint());
        total += keys;
    }
    QCOMPARE(total, 30);
    QCOMPARE(holding.size(), 3);
}

void TestFixtureCluster::restartedNodeRejoins()
{
    auto* node = m_cluster->nodes().last();
    const QByteArray id = node->cli({u"CLUSTER"_s, u"MYID"_s});
    QVERIFY2(node->restart(), qPrintable(node->lastError()));
    // nodes.conf in its dir keeps the node's identity and slots across the restart.
    QCOMPARE(node->cli({u"CLUSTER"_s, u"MYID"_s}), id);
    QString error;
    QVERIFY2(m_cluster->waitUntilConsistent(20000, &error), qPrintable(error));
    QCOMPARE(m_cluster->masters().size(), 3);
}

void TestFixtureCluster::replicasFollowTheirMasters()
{
    QString error;
    auto cluster = RedisCluster::start(3, 1, &error);
    QVERIFY2(cluster, qPrintable(error));
    QCOMPARE(cluster->nodes().size(), 6);
    QCOMPARE(cluster->masters().size(), 3);
    for (auto* node : cluster->nodes()) {
        if (cluster->masters().contains(node))
            continue;
        const QByteArray replication = node->cli({u"INFO"_s, u"replication"_s});
        QVERIFY2(replication.contains("role:slave"), replication.constData());
        QVERIFY2(replication.contains("master_link_status:up"), replication.constData());
    }
}

void TestFixtureCluster::tooFewMastersIsAnError()
{
    QString error;
    QVERIFY(!RedisCluster::start(2, 0, &error));
    QVERIFY(!error.isEmpty());
}

void TestFixtureCluster::cleanupTestCase()
{
    m_cluster.reset();
}

QTEST_GUILESS_MAIN(TestFixtureCluster)
#include "TestFixtureCluster.moc"
