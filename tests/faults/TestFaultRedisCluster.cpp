// A Redis Cluster master killed while the engine polls five clusters (the Redis Cluster one
// with the workload generator on hash-tagged keys): its replica takes the slots over, and
// QueueDeck reports the outage, re-reads the slot map and recovers on the new master without
// a restart.

#include "FaultTestSupport.h"
#include "core/config/ClusterConfig.h"
#include "core/events/Event.h"
#include "core/redis/RedisClient.h"
#include "support/RedisCluster.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

QueueSystemConfig taggedSystem()
{
    QueueSystemConfig system;
    system.queues = {{u"high"_s, u"{jobs}:high_priority"_s}, {u"low"_s, u"{jobs}:low_priority"_s}};
    system.completedKey = u"{jobs}:completed"_s;
    system.deadLetterKey = u"{jobs}:dead_letter"_s;
    system.processingPattern = u"{jobs}:worker:*:processing"_s;
    system.heartbeatPattern = u"{jobs}:processing:worker:*"_s;
    return system;
}

QSet<QString> addresses(const QList<redis::NodeInfo>& nodes)
{
    QSet<QString> out;
    for (const redis::NodeInfo& node : nodes)
        out.insert(node.address());
    return out;
}

QSet<QString> endpoints(const QList<RedisServer*>& servers)
{
    QSet<QString> out;
    for (const RedisServer* server : servers)
        out.insert(server->endpoint());
    return out;
}

} // namespace

class TestFaultRedisCluster final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void masterKilledReplicaTakesOver()
    {
        QString error;
        auto redisCluster = RedisCluster::start(3, 1, &error);
        QVERIFY2(redisCluster, qPrintable(error));
        ClusterConfig rc = clusterFor(u"rc"_s, redisCluster->seedEndpoints().constFirst());
        rc.mode = ClusterMode::Cluster;
        rc.seeds = redisCluster->seedEndpoints().mid(1);
        rc.queueSystem = taggedSystem();
        QList<ClusterConfig> clusters {rc};
        std::vector<std::unique_ptr<RedisServer>> others;
        QVERIFY2(addBystanders(others, clusters, 4, &error), qPrintable(error));
        auto load = startWorkload(rc, &error);
        QVERIFY2(load, qPrintable(error));
        ApiHarness harness(faultConfig(clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, clusters, &unreachable), qPrintable(unreachable));

        // The victim: the master holding the queue system's keys, so the workload feels it.
        const std::shared_ptr<redis::RedisClient> client = manager.client(u"rc"_s);
        QVERIFY(client);
        RedisServer* victim = nullptr;
        for (const redis::NodeInfo& node : client->masters()) {
            if (client->owns(node, "{jobs}")) {
                for (RedisServer* server : redisCluster->masters()) {
                    if (server->endpoint() == node.address())
                        victim = server;
                }
            }
        }
        QVERIFY(victim);
        const QString victimAddress = victim->endpoint();
        // Workers reappear only after the generator's own clients follow the new slot map and
        // a discovery SCAN cycle completes: generous (one loaded CI run needed 18 s).
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(u"rc"_s).value_or(ClusterStats {}).workerCount > 0, 40000);

        victim->stop();
        QElapsedTimer sinceKill;
        sinceKill.start();
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isReachable(u"rc"_s), 3000);
        const qint64 detectedAfter = sinceKill.elapsed();
        const QString message = manager.health(u"rc"_s).issue(u"unreachable")->message;
        QVERIFY2(
            message.contains(u"\"rc\"") && message.contains(victimAddress), qPrintable(message));

        // cluster-node-timeout is 2 s in the fixture: the replica is promoted a few seconds
        // later, and the next poll after that reads the new slot map.
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(u"rc"_s), 20000);
        const qint64 recoveredAfter = sinceKill.elapsed();
        qInfo("master killed: unreachable after %lld ms, recovered after %lld ms", detectedAfter,
            recoveredAfter);
        const QSet<QString> alive = endpoints(redisCluster->masters());
        QCOMPARE(alive.size(), 3);
        QVERIFY(!alive.contains(victimAddress));
        QCOMPARE(addresses(client->masters()), alive);
        for (int i = 1; i < clusters.size(); ++i)
            QVERIFY2(manager.isReachable(clusters.at(i).name), qPrintable(clusters.at(i).name));
        // Stats are whole again (every master answered) and the workload runs on the promoted
        // replica: completions keep growing.
        const qint64 completed = manager.cachedStats(u"rc"_s)->completedCount;
        QTRY_VERIFY_WITH_TIMEOUT(manager.cachedStats(u"rc"_s)->completedCount > completed, 10000);
        load->stop();
    }
};

QTEST_GUILESS_MAIN(TestFaultRedisCluster)
#include "TestFaultRedisCluster.moc"
