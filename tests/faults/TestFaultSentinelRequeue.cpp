// A requeue_dlq of 200 000 dead letters running across a forced Sentinel failover. Each batch
// is one atomic script sent only after the node was verified to be the master, so afterwards
// every job is on the new master exactly once: none lost, none doubled, whatever the old master
// did meanwhile. The old master's writes are held (CLIENT PAUSE) while the failover happens, so
// a batch is in flight across the switch-over on every run, not only on lucky ones.

#include "FaultTestSupport.h"
#include "core/engine/ActionEngine.h"
#include "support/RedisSentinelSet.h"
#include "support/RedisServer.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

constexpr int kJobs = 200000;
constexpr int kFillChunk = 20000;
// Longer than the failover takes here (about 1–3 s), shorter than the action's client timeout.
constexpr int kPauseMs = 4000;

const QString kFill = uR"LUA(
for i = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  redis.call('RPUSH', KEYS[1], '{"id":"j' .. i .. '","filepath":"/f/' .. i ..
    '","filesize":10,"priority":"high","retries":3,"creation_time":"2026-11-29T04:00:00Z"}')
end
return redis.call('LLEN', KEYS[1])
)LUA"_s;

// Every job id on the server, with how often it appears, from the dead letters and the queues.
QHash<QString, int> jobIds(const RedisServer& server, const QStringList& keys)
{
    static const QRegularExpression id(uR"re("id":"(j\d+)")re"_s);
    QHash<QString, int> seen;
    for (const QString& key : keys) {
        const QByteArray listed = server.cli({u"LRANGE"_s, key, u"0"_s, u"-1"_s}, 60000);
        for (const QByteArray& line : listed.split('\n')) {
            const QRegularExpressionMatch match = id.match(QString::fromUtf8(line));
            if (match.hasMatch())
                ++seen[match.captured(1)];
        }
    }
    return seen;
}

} // namespace

class TestFaultSentinelRequeue final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requeueAcrossAFailoverLosesAndDoublesNothing()
    {
        QString error;
        auto set = RedisSentinelSet::start(1, &error);
        QVERIFY2(set, qPrintable(error));
        const QString deadLetters = u"jobqueue:dead_letter"_s;
        for (int from = 1; from <= kJobs; from += kFillChunk) {
            set->master()->cli({u"EVAL"_s, kFill, u"1"_s, deadLetters, QString::number(from),
                QString::number(from + kFillChunk - 1)});
        }
        QCOMPARE(set->master()->cli({u"LLEN"_s, deadLetters}).trimmed().toInt(), kJobs);

        ClusterConfig cluster = clusterFor(u"sent"_s, set->sentinelEndpoints().constFirst());
        cluster.mode = ClusterMode::Sentinel;
        cluster.sentinelMaster = set->masterName();
        Config config = faultConfig({cluster});
        // The batch held by CLIENT PAUSE must not time out: it is on the wire, and a batch on
        // the wire is never sent again.
        config.polling = PollingConfig {Millis(10000), Millis(100), Millis(8000), true};
        config.actions.allowedActions.append(u"requeue_dlq"_s);
        config.actions.defaultTimeout = Millis(120000);
        ApiHarness harness(config);
        QVERIFY2(harness.start(&error), qPrintable(error));
        QString missing;
        QVERIFY2(allReachable(harness.manager(), {cluster}, &missing), qPrintable(missing));
        ActionEngine& engine = harness.actions();

        const QString id = engine.submit(u"requeue_dlq"_s, {u"sent"_s}, {}, u"failover-test"_s).id;
        // Once some batches are through, hold the old master's writes and fail over under it.
        QTRY_VERIFY_WITH_TIMEOUT(
            engine.action(id) && engine.action(id)->results.value(u"sent"_s).done > 0, 30000);
        RedisServer* oldMaster = set->master();
        QCOMPARE(oldMaster->cli({u"CLIENT"_s, u"PAUSE"_s, QString::number(kPauseMs), u"WRITE"_s})
                     .trimmed(),
            QByteArray("OK"));
        const QString after = set->failover(30000, &error);
        QVERIFY2(!after.isEmpty(), qPrintable(error));
        RedisServer* newMaster = set->master();
        QVERIFY(newMaster != oldMaster);

        QTRY_VERIFY_WITH_TIMEOUT(engine.action(id) && isFinal(engine.action(id)->status), 90000);
        const MultiAction done = *engine.action(id);
        const TargetResult result = done.results.value(u"sent"_s);
        qInfo(
            "action %s: %s", qPrintable(actionStatusName(done.status)), qPrintable(result.message));
        QCOMPARE(done.status, ActionStatus::Completed);

        QStringList keys {deadLetters};
        for (const QueueKey& queue : harness.manager().cluster(u"sent"_s).queueSystem.queues)
            keys.append(queue.key);
        const QHash<QString, int> seen = jobIds(*newMaster, keys);
        QStringList doubled;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            if (it.value() != 1)
                doubled.append(it.key());
        }
        const qint64 left = newMaster->cli({u"LLEN"_s, deadLetters}).trimmed().toLongLong();
        qInfo("new master %s: %lld jobs, %lld still dead letters (moved on the old master after "
              "the switch, so never moved)",
            qPrintable(after), static_cast<long long>(seen.size()), static_cast<long long>(left));
        QVERIFY2(doubled.isEmpty(), qPrintable(doubled.mid(0, 10).join(u", ")));
        QCOMPARE(seen.size(), kJobs);
        // What the action moved after the switch went to the new master.
        QVERIFY2(left < kJobs / 2, qPrintable(QString::number(left)));
    }
};

QTEST_GUILESS_MAIN(TestFaultSentinelRequeue)
#include "TestFaultSentinelRequeue.moc"
