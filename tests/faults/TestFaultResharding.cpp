// Redis Cluster resharding under load: a slot is migrated live (CLUSTER SETSLOT IMPORTING and
// MIGRATING, MIGRATE of its keys in batches, SETSLOT NODE) while transactions and a requeue_dlq
// run against it. A transaction is redirected (MOVED, ASK, TRYAGAIN) as a whole: it runs
// entirely on one node or not at all, never half; a requeue moves every job exactly once.

#include "FaultTestSupport.h"
#include "core/engine/ActionEngine.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/HashSlot.h"
#include "core/redis/RedisClient.h"
#include "support/RedisCluster.h"
#include "support/RedisServer.h"

#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;
using qd::redis::Command;
using qd::redis::Reply;

namespace {

QString trimmed(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes).trimmed();
}

QString nodeId(RedisServer* node)
{
    return trimmed(node->cli({u"CLUSTER"_s, u"MYID"_s}));
}

// The master that says (CLUSTER NODES, its own line) it owns slot.
RedisServer* ownerOf(const RedisCluster& cluster, int slot)
{
    for (RedisServer* master : cluster.masters()) {
        const QString nodes = QString::fromUtf8(master->cli({u"CLUSTER"_s, u"NODES"_s}));
        for (const QString& line : nodes.split(u'\n')) {
            if (!line.contains(u"myself"_s))
                continue;
            for (const QString& range : line.split(u' ').mid(8)) {
                const QStringList ends = range.split(u'-');
                bool ok = false;
                const int from = ends.at(0).toInt(&ok);
                if (!ok)
                    continue;
                const int to = ends.size() > 1 ? ends.at(1).toInt() : from;
                if (slot >= from && slot <= to)
                    return master;
            }
        }
    }
    return nullptr;
}

// Moves slot from source to target the way redis-cli --cluster reshard does, a batch of keys
// per MIGRATE, pausing between batches so the clients run in the middle of it. The number of
// MIGRATE calls.
int migrateSlot(const RedisCluster& cluster, RedisServer* source, RedisServer* target, int slot,
    int keysPerBatch, int pauseMs)
{
    const QString s = QString::number(slot);
    target->cli({u"CLUSTER"_s, u"SETSLOT"_s, s, u"IMPORTING"_s, nodeId(source)});
    source->cli({u"CLUSTER"_s, u"SETSLOT"_s, s, u"MIGRATING"_s, nodeId(target)});
    int batches = 0;
    for (;;) {
        const QString listed = QString::fromUtf8(
            source->cli({u"CLUSTER"_s, u"GETKEYSINSLOT"_s, s, QString::number(keysPerBatch)}));
        QStringList keys = listed.split(u'\n', Qt::SkipEmptyParts);
        for (QString& key : keys)
            key = key.trimmed();
        keys.removeAll(QString());
        if (keys.isEmpty())
            break;
        QStringList args {u"MIGRATE"_s, u"127.0.0.1"_s, QString::number(target->port()), u""_s,
            u"0"_s, u"10000"_s, u"KEYS"_s};
        source->cli(args + keys, 30000);
        ++batches;
        QTest::qWait(pauseMs);
    }
    for (RedisServer* master : cluster.masters())
        master->cli({u"CLUSTER"_s, u"SETSLOT"_s, s, u"NODE"_s, nodeId(target)});
    return batches;
}

RedisServer* anotherMaster(const RedisCluster& cluster, RedisServer* not_)
{
    for (RedisServer* master : cluster.masters()) {
        if (master != not_)
            return master;
    }
    return nullptr;
}

ClusterConfig clusterConfig(const RedisCluster& cluster)
{
    ClusterConfig config = clusterFor(u"rc"_s, cluster.seedEndpoints().constFirst());
    config.mode = ClusterMode::Cluster;
    config.seeds = cluster.seedEndpoints().mid(1);
    // Every key of the queue system in one slot, as Redis Cluster requires of its scripts.
    QueueSystemConfig& qs = config.queueSystem;
    qs.queues = {{u"high"_s, u"{jq}:high"_s}, {u"low"_s, u"{jq}:low"_s}};
    qs.completedKey = u"{jq}:completed"_s;
    qs.deadLetterKey = u"{jq}:dead_letter"_s;
    return config;
}

} // namespace

class TestFaultResharding final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = RedisCluster::start(3, 0, &error);
        QVERIFY2(m_cluster, qPrintable(error));
    }

    void transactionsRunWholeOrNotAtAllDuringAMigration()
    {
        const QByteArray a = "{tx}:a";
        const QByteArray b = "{tx}:b";
        const int slot = redis::hashslot::of(a);
        RedisServer* source = ownerOf(*m_cluster, slot);
        QVERIFY(source);
        RedisServer* target = anotherMaster(*m_cluster, source);
        // Other keys in the slot, so the migration takes many MIGRATE calls.
        QStringList fill {u"MSET"_s};
        for (int i = 0; i < 600; ++i)
            fill << u"{tx}:fill:%1"_s.arg(i) << u"x"_s;
        QCOMPARE(trimmed(source->cli(fill)), u"OK"_s);

        const auto client = redis::RedisClient::create(clusterConfig(*m_cluster), 5s);
        std::atomic<bool> stop {false};
        std::atomic<int> committed {0};
        std::atomic<int> refused {0};
        std::atomic<int> watchAborted {0};
        std::atomic<bool> failed {false};
        QStringList problems; // the worker's until it has ended
        QStringList refusals;
        std::thread worker([&] {
            while (!stop) {
                // With a WATCH: re-sent without it, the guard would be lost.
                const QList<Command> tx {
                    Command {"WATCH", a}, Command {"MULTI"}, {"INCR", a}, {"INCR", b}, {"EXEC"}};
                QList<Reply> replies;
                try {
                    replies = client->pipeline(tx);
                } catch (const redis::ConnectionError& e) {
                    problems.append(e.message());
                    failed = true;
                    return;
                }
                const Reply& exec = replies.at(4);
                if (exec.isNil()) {
                    // MIGRATE deleting the watched key on the source counts as a change.
                    ++watchAborted;
                    continue;
                }
                if (exec.isError()) {
                    ++refused;
                    if (refusals.size() < 5)
                        refusals.append(exec.toString());
                    continue;
                }
                // Both INCRs in one EXEC on one node: they move together, always.
                if (exec.size() != 2 || exec.at(0).toInteger() != exec.at(1).toInteger()) {
                    problems.append(u"split transaction: "_s + exec.toDebugString());
                    failed = true;
                    return;
                }
                ++committed;
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(committed > 20 || failed, 10000);
        const int batches = migrateSlot(*m_cluster, source, target, slot, 20, 30);
        const int before = committed;
        QTRY_VERIFY_WITH_TIMEOUT(committed > before + 20 || failed, 10000);
        stop = true;
        worker.join();
        qInfo("%d MIGRATE batches; %d transactions committed, %d refused (%s), %d aborted by "
              "their WATCH",
            batches, committed.load(), refused.load(), qPrintable(refusals.join(u" | ")),
            watchAborted.load());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; ")));
        QVERIFY(batches >= 20);
        // Every committed transaction counted once on each key, on the new owner.
        QCOMPARE(
            trimmed(target->cli({u"GET"_s, QString::fromLatin1(a)})).toInt(), committed.load());
        QCOMPARE(
            trimmed(target->cli({u"GET"_s, QString::fromLatin1(b)})).toInt(), committed.load());
        // A refused one says it was not run, never a bare EXECABORT.
        for (const QString& refusal : std::as_const(refusals))
            QVERIFY2(refusal.contains(u"not run"_s) || refusal.startsWith(u"TRYAGAIN"_s),
                qPrintable(refusal));
    }

    void requeueMovesEveryJobOnceDuringAMigration()
    {
        constexpr int kJobs = 30000;
        const ClusterConfig cluster = clusterConfig(*m_cluster);
        const QByteArray dlq = cluster.queueSystem.deadLetterKey.toUtf8();
        const int slot = redis::hashslot::of(dlq);
        RedisServer* source = ownerOf(*m_cluster, slot);
        QVERIFY(source);
        RedisServer* target = anotherMaster(*m_cluster, source);
        for (int from = 1; from <= kJobs; from += 10000) {
            source->cli({u"EVAL"_s,
                uR"LUA(for i = tonumber(ARGV[1]), tonumber(ARGV[2]) do redis.call('RPUSH', KEYS[1], '{"id":"j' .. i .. '","priority":"' .. (i % 2 == 0 and 'high' or 'low') .. '","retries":3}') end return 1)LUA"_s,
                u"1"_s, QString::fromLatin1(dlq), QString::number(from),
                QString::number(from + 9999)});
        }
        // Keys that move ahead of the queue system's own, in batches.
        QStringList fill {u"MSET"_s};
        for (int i = 0; i < 400; ++i)
            fill << u"{jq}:fill:%1"_s.arg(i) << u"x"_s;
        QCOMPARE(trimmed(source->cli(fill)), u"OK"_s);

        Config config = faultConfig({cluster});
        config.polling = PollingConfig {Millis(2000), Millis(100), Millis(1500), true};
        config.actions.allowedActions.append(u"requeue_dlq"_s);
        config.actions.defaultTimeout = Millis(120000);
        ApiHarness harness(config);
        QString error;
        QVERIFY2(harness.start(&error), qPrintable(error));
        QString missing;
        QVERIFY2(allReachable(harness.manager(), {cluster}, &missing), qPrintable(missing));
        ActionEngine& engine = harness.actions();
        const QString id = engine.submit(u"requeue_dlq"_s, {u"rc"_s}, {}, u"reshard-test"_s).id;
        QTRY_VERIFY_WITH_TIMEOUT(engine.action(id), 10000);
        const int batches = migrateSlot(*m_cluster, source, target, slot, 10, 5);
        QTRY_VERIFY_WITH_TIMEOUT(engine.action(id) && isFinal(engine.action(id)->status), 60000);
        const MultiAction done = *engine.action(id);
        qInfo("%d MIGRATE batches; action %s: %s", batches,
            qPrintable(actionStatusName(done.status)),
            qPrintable(done.results.value(u"rc"_s).message + done.error));

        // Whatever the action's fate, every job is on the new owner exactly once.
        static const QRegularExpression jobId(uR"re("id":"(j\d+)")re"_s);
        QHash<QString, int> seen;
        for (const QString& key : {QString::fromLatin1(dlq), u"{jq}:high"_s, u"{jq}:low"_s}) {
            const QString listed
                = QString::fromUtf8(target->cli({u"LRANGE"_s, key, u"0"_s, u"-1"_s}, 60000));
            for (const QString& line : listed.split(u'\n')) {
                const QRegularExpressionMatch match = jobId.match(line);
                if (match.hasMatch())
                    ++seen[match.captured(1)];
            }
        }
        QCOMPARE(seen.size(), kJobs);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        QCOMPARE(done.status, ActionStatus::Completed);
        QCOMPARE(trimmed(target->cli({u"LLEN"_s, QString::fromLatin1(dlq)})), u"0"_s);
    }

    void cleanupTestCase() { m_cluster.reset(); }

private:
    std::unique_ptr<RedisCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TestFaultResharding)
#include "TestFaultResharding.moc"
