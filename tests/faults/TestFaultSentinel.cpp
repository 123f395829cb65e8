// A Sentinel failover while the engine polls five clusters (one behind Sentinel, with the
// workload generator on it). After SENTINEL FAILOVER the demoted master keeps acting as a
// master for about 10 s, until a Sentinel reconfigures it; QueueDeck must leave it as soon as
// the Sentinels name the new master (within StandaloneClient::kMasterRecheck), both for the
// engine's polls and for writes through a client whose connections predate the failover.

#include "FaultTestSupport.h"
#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/redis/StandaloneClient.h"
#include "support/RedisSentinelSet.h"
#include "support/RedisServer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;
using qd::redis::Command;
using qd::redis::ConnectionError;
using qd::redis::Reply;

namespace {

ClusterConfig sentinelCluster(const RedisSentinelSet& set)
{
    ClusterConfig cluster = clusterFor(u"sent"_s, set.sentinelEndpoints().constFirst());
    cluster.mode = ClusterMode::Sentinel;
    cluster.seeds = set.sentinelEndpoints().mid(1);
    cluster.sentinelMaster = set.masterName();
    return cluster;
}

} // namespace

class TestFaultSentinel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_set = RedisSentinelSet::start(1, &error);
        QVERIFY2(m_set, qPrintable(error));
        for (int i = 0; i < 4; ++i) {
            m_others.push_back(RedisServer::start({}, &error));
            QVERIFY2(m_others.back(), qPrintable(error));
        }
    }

    void engineAndOldConnectionsFollowTheFailover()
    {
        QList<ClusterConfig> clusters {sentinelCluster(*m_set)};
        for (size_t i = 0; i < m_others.size(); ++i)
            clusters.append(clusterFor(u"c%1"_s.arg(i + 1), m_others.at(i)->endpoint()));
        QString error;
        auto load = startWorkload(clusters.constFirst(), &error);
        QVERIFY2(load, qPrintable(error));
        ApiHarness harness(faultConfig(clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, clusters, &unreachable), qPrintable(unreachable));

        // A client of our own whose pooled connection is opened before the failover.
        const auto client = redis::RedisClient::create(clusters.constFirst(), 2s);
        const QString before = m_set->master()->endpoint();
        QCOMPARE(client->masters().constFirst().address(), before);
        QCOMPARE(client->pipeline({{"SET", "before", "failover"}, {"WAIT", "1", "5000"}}),
            (QList<Reply> {Reply::status("OK"), Reply::integer(1)}));

        const QString after = m_set->failover(30000, &error);
        QVERIFY2(!after.isEmpty(), qPrintable(error));
        QVERIFY(after != before);
        QElapsedTimer sinceFailover;
        sinceFailover.start();
        RedisServer* oldMaster = m_set->replica();
        RedisServer* newMaster = m_set->master();
        // The demoted master still thinks it is one: the window in which a client that trusts
        // it would write to the wrong server.
        const bool stillMaster = oldMaster->cli({u"ROLE"_s}).startsWith("master");
        qInfo(
            "old master still acting as master after the failover: %s", stillMaster ? "yes" : "no");

        // A marker only the new master has (the old one does not replicate from it yet): the
        // engine's polls must see it, i.e. read the new master, within the re-check period.
        QStringList push {u"RPUSH"_s, u"jobqueue:dead_letter"_s};
        for (int i = 0; i < 200; ++i)
            push.append(u"marker-%1"_s.arg(i));
        QVERIFY(newMaster->cli(push).toLongLong() >= 200);
        const qint64 markerFloor
            = newMaster->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}).toLongLong();
        const qint64 oldCount = oldMaster->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}).toLongLong();
        qInfo("dead letters: new master %lld, old master %lld", markerFloor, oldCount);
        const qint64 budgetMs
            = (redis::StandaloneClient::kMasterRecheck + kFaultInterval + kFaultJitter).count()
            + 500;
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(u"sent"_s).value_or(ClusterStats {}).deadLetterCount >= markerFloor,
            int(budgetMs));
        QVERIFY(manager.isReachable(u"sent"_s));

        // Writes through the pre-failover client land on the new master once the re-check
        // period has passed, while the old master would still have accepted them.
        QTest::qWait(int(redis::StandaloneClient::kMasterRecheck.count()) + 100);
        Reply written;
        try {
            written = client->command({"SET", "after", "failover"});
        } catch (const ConnectionError& e) {
            QFAIL(e.what());
        }
        QCOMPARE(written, Reply::status("OK"));
        QCOMPARE(client->masters().constFirst().address(), after);
        QCOMPARE(newMaster->cli({u"GET"_s, u"after"_s}), QByteArray("failover"));
        if (oldMaster->cli({u"ROLE"_s}).startsWith("master")) {
            // Still not reconfigured: the write must not have gone there.
            QCOMPARE(oldMaster->cli({u"EXISTS"_s, u"after"_s}), QByteArray("0"));
        }
        qInfo("checked %lld ms after the failover", sinceFailover.elapsed());

        for (const ClusterConfig& cluster : std::as_const(clusters))
            QVERIFY2(manager.isReachable(cluster.name), qPrintable(cluster.name));
        // The generator's own clients follow as well.
        const qint64 produced = load->snapshot().produced;
        QTRY_VERIFY_WITH_TIMEOUT(load->snapshot().produced > produced, 10000);
        load->stop();
    }

    void cleanupTestCase()
    {
        m_others.clear();
        m_set.reset();
    }

private:
    std::unique_ptr<RedisSentinelSet> m_set;
    std::vector<std::unique_ptr<RedisServer>> m_others;
};

QTEST_GUILESS_MAIN(TestFaultSentinel)
#include "TestFaultSentinel.moc"
