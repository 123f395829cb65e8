// SystemDetector against real servers: each queue system's layout is written with redis-cli
// (raw commands, as that system would leave them), and the detector must name the system,
// its namespace or prefix, its queues and the queue_system block that reads it, while
// changing nothing. The scan bounds are honoured and reported.

#include "core/config/ClusterConfig.h"
#include "core/queues/SystemDetector.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "support/EngineConfig.h"
#include "support/JobJson.h"
#include "support/RedisCluster.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

namespace {

const QString kSep = u"\u0006\u0016"_s; // kombu's separator inside binding members

QString sidekiqJob(const QString& queue, const QString& jid)
{
    return uR"({"class":"HardJob","args":[1],"queue":"%1","jid":"%2","retry":true,)"
           uR"("created_at":1765000000.1,"enqueued_at":1765000000.2})"_s.arg(queue, jid);
}

} // namespace

class TestSystemDetector final : public QObject {
    Q_OBJECT

    std::unique_ptr<RedisServer> m_server;

    QByteArray cli(const QStringList& args) const { return m_server->cli(args); }

    DetectionReport detect(const SystemDetector::Limits& limits = {}) const
    {
        const ClusterConfig config = clusterFor(u"probe"_s, m_server->endpoint());
        const auto client = redis::RedisClient::create(config, 2000ms);
        return SystemDetector::detect(*client, limits);
    }

    void writeGoRedisWorkQueue() const
    {
        cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, jobJson(u"h1"_s)});
        cli({u"LPUSH"_s, u"jobqueue:low_priority"_s, jobJson(u"l1"_s), jobJson(u"l2"_s)});
        cli({u"LPUSH"_s, u"jobqueue:completed"_s, jobJson(u"c1"_s)});
        cli({u"LPUSH"_s, u"jobqueue:worker:w1:processing"_s, jobJson(u"p1"_s)});
        cli({u"SET"_s, u"jobqueue:processing:worker:w1"_s, jobJson(u"p1"_s), u"EX"_s, u"30"_s});
    }

    void writeSidekiq(const QString& ns) const
    {
        const QString p = ns.isEmpty() ? QString() : ns + u':';
        cli({u"SADD"_s, p + u"queues"_s, u"default"_s, u"mailers"_s});
        cli({u"LPUSH"_s, p + u"queue:default"_s, sidekiqJob(u"default"_s, u"a1"_s)});
        const QString identity = u"web-1:4242:0123456789ab"_s;
        cli({u"SADD"_s, p + u"processes"_s, identity});
        cli({u"HSET"_s, p + identity, u"info"_s, u"{\"hostname\":\"web-1\",\"pid\":4242}"_s,
            u"busy"_s, u"0"_s, u"beat"_s, u"1765000000.5"_s, u"quiet"_s, u"false"_s});
        cli({u"EXPIRE"_s, p + identity, u"60"_s});
        cli({u"SET"_s, p + u"stat:processed"_s, u"12"_s});
        cli({u"SET"_s, p + u"stat:failed"_s, u"2"_s});
        cli({u"ZADD"_s, p + u"retry"_s, u"1765000100"_s, sidekiqJob(u"default"_s, u"r1"_s)});
        cli({u"ZADD"_s, p + u"dead"_s, u"1765000000"_s, sidekiqJob(u"default"_s, u"d1"_s)});
    }

    void writeBullMQ(const QString& prefix, const QString& queue) const
    {
        const QString k = prefix + u':' + queue + u':';
        cli({u"HSET"_s, k + u"meta"_s, u"opts.maxLenEvents"_s, u"10000"_s, u"version"_s,
            u"bullmq:6.2.0"_s});
        cli({u"SET"_s, k + u"id"_s, u"2"_s});
        cli({u"LPUSH"_s, k + u"wait"_s, u"2"_s});
        cli({u"HSET"_s, k + u"2"_s, u"name"_s, u"send"_s, u"data"_s, u"{}"_s, u"timestamp"_s,
            u"1765000000000"_s});
        cli({u"ZADD"_s, k + u"completed"_s, u"1765000000000"_s, u"1"_s});
    }

    void writeRQ() const
    {
        cli({u"SADD"_s, u"rq:queues"_s, u"rq:queue:default"_s, u"rq:queue:high"_s});
        cli({u"RPUSH"_s, u"rq:queue:default"_s, u"9f2c"_s});
        cli({u"HSET"_s, u"rq:job:9f2c"_s, u"status"_s, u"queued"_s, u"origin"_s, u"default"_s,
            u"description"_s, u"tasks.add(1, 2)"_s});
        cli({u"SADD"_s, u"rq:workers"_s, u"rq:worker:w1"_s});
        cli({u"HSET"_s, u"rq:worker:w1"_s, u"state"_s, u"idle"_s, u"queues"_s, u"default"_s});
    }

    void writeCelery() const
    {
        cli({u"SADD"_s, u"_kombu.binding.celery"_s, u"celery"_s + kSep + kSep + u"celery"_s,
            u"reports"_s + kSep + kSep + u"reports"_s});
        cli({u"SADD"_s, u"_kombu.binding.celery.pidbox"_s,
            kSep + kSep + u"celery@host.celery.pidbox"_s});
        cli({u"SADD"_s, u"_kombu.binding.celeryev"_s,
            u"worker.#"_s + kSep + kSep + u"celeryev.6a0f"_s});
        cli({u"LPUSH"_s, u"celery"_s, u"{\"body\":\"W10=\",\"headers\":{}}"_s});
        cli({u"LPUSH"_s, u"reports"_s + kSep + u"3"_s, u"{\"body\":\"W10=\"}"_s});
        cli({u"HSET"_s, u"unacked"_s, u"tag-1"_s, u"[{},\"\",\"celery\"]"_s});
        cli({u"ZADD"_s, u"unacked_index"_s, u"1765000000"_s, u"tag-1"_s});
    }

private Q_SLOTS:
    void initTestCase()
    {
        RedisServerOptions options;
        options.extraConfig = {u"enable-debug-command local"_s};
        QString error;
        m_server = RedisServer::start(options, &error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void init() { cli({u"FLUSHALL"_s}); }

    void anEmptyDatabaseHasNoSystem()
    {
        const DetectionReport report = detect();
        QVERIFY(report.findings.isEmpty());
        QVERIFY(report.complete);
        QVERIFY(report.stoppedBy.isEmpty());
        QCOMPARE(report.keysScanned, 0);
        QCOMPARE(report.nodes, 1);
        const QJsonArray systems = report.toJson().value(u"systems"_s).toArray();
        QCOMPARE(systems.size(), 5);
        for (const QJsonValue& system : systems)
            QVERIFY(!system.toObject().value(u"found"_s).toBool());
    }

    void goRedisWorkQueueWithItsDefaultKeys()
    {
        writeGoRedisWorkQueue();
        cli({u"SET"_s, u"unrelated"_s, u"1"_s});
        const DetectionReport report = detect();
        QCOMPARE(report.findings.size(), 1);
        const SystemFinding& f = report.findings.constFirst();
        QCOMPARE(f.system, u"go-redis-work-queue"_s);
        QCOMPARE(f.queues, (QStringList {u"high"_s, u"low"_s}));
        QVERIFY2(f.evidence.contains(u"jobqueue:worker:w1:processing (list)"_s),
            qPrintable(f.evidence.join(u", "_s)));
        QVERIFY(f.evidence.contains(u"jobqueue:processing:worker:w1 (string)"_s));
        // The default layout needs nothing but the type.
        QCOMPARE(f.suggestion, (QJsonObject {{u"type"_s, u"go-redis-work-queue"_s}}));
    }

    void goRedisWorkQueueWithOtherQueuesSuggestsThem()
    {
        cli({u"LPUSH"_s, u"jobqueue:urgent"_s, jobJson(u"u1"_s)});
        cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, jobJson(u"h1"_s)});
        const DetectionReport report = detect();
        QCOMPARE(report.findings.size(), 1);
        const QJsonArray queues
            = report.findings.constFirst().suggestion.value(u"queues"_s).toArray();
        QCOMPARE(queues.size(), 2);
        QCOMPARE(queues.at(0).toObject(),
            (QJsonObject {{u"name"_s, u"high"_s}, {u"key"_s, u"jobqueue:high_priority"_s}}));
        QCOMPARE(queues.at(1).toObject(),
            (QJsonObject {{u"name"_s, u"urgent"_s}, {u"key"_s, u"jobqueue:urgent"_s}}));
    }

    void sidekiqWithoutNamespace()
    {
        writeSidekiq({});
        const DetectionReport report = detect();
        QCOMPARE(report.findings.size(), 1);
        const SystemFinding& f = report.findings.constFirst();
        QCOMPARE(f.system, u"sidekiq"_s);
        QCOMPARE(f.scope, QString());
        // Queue names come from the `queues` set and from the lists.
        QCOMPARE(f.queues, (QStringList {u"default"_s, u"mailers"_s}));
        for (const QString& key : {u"queues (set)"_s, u"processes (set)"_s,
                 u"stat:processed (string)"_s, u"queue:default (list)"_s, u"retry (zset)"_s})
            QVERIFY2(f.evidence.contains(key), qPrintable(f.evidence.join(u", "_s)));
        QCOMPARE(f.suggestion, (QJsonObject {{u"type"_s, u"sidekiq"_s}}));
    }

    void sidekiqUnderNamespacesIsReportedPerNamespace()
    {
        writeSidekiq(u"shop"_s);
        writeSidekiq(u"billing:eu"_s); // a namespace may hold ':'
        const DetectionReport report = detect();
        const QList<SystemFinding> found = report.findingsFor(u"sidekiq"_s);
        QCOMPARE(found.size(), 2);
        QCOMPARE(report.findings.size(), 2); // and nothing else (no BullMQ, no RQ)
        QCOMPARE(found.at(0).scope, u"billing:eu"_s);
        QCOMPARE(found.at(1).scope, u"shop"_s);
        QCOMPARE(found.at(1).queues, (QStringList {u"default"_s, u"mailers"_s}));
        QVERIFY(found.at(1).evidence.contains(u"shop:queue:default (list)"_s));
        QCOMPARE(found.at(1).suggestion,
            (QJsonObject {{u"type"_s, u"sidekiq"_s}, {u"namespace"_s, u"shop"_s}}));
        const QJsonObject json = report.toJson();
        const QJsonObject sidekiq = json.value(u"systems"_s).toArray().at(1).toObject();
        QCOMPARE(sidekiq.value(u"type"_s).toString(), u"sidekiq"_s);
        QVERIFY(sidekiq.value(u"found"_s).toBool());
        QCOMPARE(sidekiq.value(u"deployments"_s).toArray().at(1).toObject().value(u"namespace"_s),
            QJsonValue(u"shop"_s));
    }

    void bullmqPrefixesAndQueues()
    {
        writeBullMQ(u"bull"_s, u"emails"_s);
        writeBullMQ(u"bull"_s, u"images"_s);
        writeBullMQ(u"{eu}:jobs"_s, u"reports"_s); // a prefix with a hash tag and a ':'
        // A queue from before `meta` existed: only its counter and lists.
        cli({u"SET"_s, u"legacy:old:id"_s, u"7"_s});
        cli({u"LPUSH"_s, u"legacy:old:wait"_s, u"7"_s});
        // A lone `…:id` string with no BullMQ sibling is not a queue.
        cli({u"SET"_s, u"session:user:id"_s, u"42"_s});
        const DetectionReport report = detect();
        const QList<SystemFinding> found = report.findingsFor(u"bullmq"_s);
        QCOMPARE(found.size(), 3);
        QCOMPARE(report.findings.size(), 3);
        QCOMPARE(found.at(0).scope, u"bull"_s);
        QCOMPARE(found.at(0).queues, (QStringList {u"emails"_s, u"images"_s}));
        QCOMPARE(found.at(0).suggestion, (QJsonObject {{u"type"_s, u"bullmq"_s}}));
        QCOMPARE(found.at(1).scope, u"legacy"_s);
        QCOMPARE(found.at(1).queues, QStringList {u"old"_s});
        QCOMPARE(found.at(2).scope, u"{eu}:jobs"_s);
        QCOMPARE(found.at(2).queues, QStringList {u"reports"_s});
        QCOMPARE(found.at(2).suggestion,
            (QJsonObject {{u"type"_s, u"bullmq"_s}, {u"prefix"_s, u"{eu}:jobs"_s}}));
    }

    void rqIsNotMistakenForASidekiqNamespace()
    {
        writeRQ();
        const DetectionReport report = detect();
        QCOMPARE(report.findings.size(), 1);
        const SystemFinding& f = report.findings.constFirst();
        QCOMPARE(f.system, u"rq"_s);
        QCOMPARE(f.queues, (QStringList {u"default"_s, u"high"_s}));
        QVERIFY(f.evidence.contains(u"rq:queues (set)"_s));
        QVERIFY(f.evidence.contains(u"rq:workers (set)"_s));
        QVERIFY(f.evidence.contains(u"rq:queue:default (list)"_s));
        QCOMPARE(f.suggestion, (QJsonObject {{u"type"_s, u"rq"_s}}));
    }

    void celeryQueuesComeFromItsBindings()
    {
        writeCelery();
        const DetectionReport report = detect();
        QCOMPARE(report.findings.size(), 1);
        const SystemFinding& f = report.findings.constFirst();
        QCOMPARE(f.system, u"celery"_s);
        // Task queues only: the pidbox and event bindings are Celery's own.
        QCOMPARE(f.queues, (QStringList {u"celery"_s, u"reports"_s}));
        QVERIFY(f.evidence.contains(u"_kombu.binding.celery (set)"_s));
        QVERIFY(f.evidence.contains(u"unacked (hash)"_s));
        QVERIFY(f.evidence.contains(u"unacked_index (zset)"_s));
        QCOMPARE(f.suggestion, (QJsonObject {{u"type"_s, u"celery"_s}}));
    }

    void allFiveSideBySideWithoutChangingAnything()
    {
        writeGoRedisWorkQueue();
        writeSidekiq({});
        writeBullMQ(u"bull"_s, u"emails"_s);
        writeRQ();
        writeCelery();
        const QByteArray before = cli({u"DEBUG"_s, u"DIGEST"_s});
        const QByteArray keysBefore = cli({u"DBSIZE"_s});
        const DetectionReport report = detect();
        QCOMPARE(cli({u"DEBUG"_s, u"DIGEST"_s}), before);
        QCOMPARE(cli({u"DBSIZE"_s}), keysBefore);
        QStringList systems;
        for (const SystemFinding& f : report.findings)
            systems.append(f.system);
        QCOMPARE(systems,
            (QStringList {
                u"go-redis-work-queue"_s, u"sidekiq"_s, u"bullmq"_s, u"rq"_s, u"celery"_s}));
        QVERIFY(report.complete);
        QCOMPARE(report.keysScanned, keysBefore.toLongLong());
        for (const QString& name : SystemDetector::systemNames())
            QVERIFY2(report.found(name), qPrintable(name));
    }

    void theScanStopsAtItsBoundsAndSaysSo()
    {
        writeSidekiq({});
        writeBullMQ(u"bull"_s, u"emails"_s);
        QStringList noise {u"MSET"_s};
        for (int i = 0; i < 3000; ++i)
            noise << u"noise:%1"_s.arg(i) << u"x"_s;
        cli(noise);

        SystemDetector::Limits keys;
        keys.maxKeys = 200;
        keys.scanCount = 50;
        const DetectionReport byKeys = detect(keys);
        QVERIFY(!byKeys.complete);
        QCOMPARE(byKeys.stoppedBy, u"key limit"_s);
        QVERIFY(byKeys.keysScanned >= 200);
        QVERIFY(byKeys.keysScanned < 1000);
        QCOMPARE(byKeys.toJson().value(u"stopped_by"_s).toString(), u"key limit"_s);
        // Sidekiq's fixed keys are read whatever the scan reached.
        QVERIFY(byKeys.found(u"sidekiq"_s));

        SystemDetector::Limits time;
        time.maxTime = Millis(0);
        time.scanCount = 10;
        const DetectionReport byTime = detect(time);
        QVERIFY(!byTime.complete);
        QCOMPARE(byTime.stoppedBy, u"time limit"_s);
        QVERIFY(byTime.keysScanned < 100); // one step only

        const DetectionReport unbounded = detect();
        QVERIFY(unbounded.complete);
        QVERIFY(unbounded.found(u"bullmq"_s));
    }

    void anUnreachableServerThrows()
    {
        const ClusterConfig config
            = clusterFor(u"nowhere"_s, u"127.0.0.1:%1"_s.arg(freeLoopbackPort()));
        const auto client = redis::RedisClient::create(config, 500ms);
        QVERIFY_THROWS_EXCEPTION(
            redis::ConnectionError, SystemDetector::detect(*client, SystemDetector::Limits {}));
    }

    void redisClusterIsScannedOnEveryMaster()
    {
        QString error;
        auto cluster = RedisCluster::start(3, 0, &error);
        QVERIFY2(cluster, qPrintable(error));
        const auto cli = [&](const QStringList& args) {
            return cluster->nodes().constFirst()->cli(QStringList {u"-c"_s} + args);
        };
        // BullMQ queues under hash tags land on different masters.
        for (const QString& queue : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}) {
            cli({u"HSET"_s, u"bull:{%1}:meta"_s.arg(queue), u"paused"_s, u"0"_s});
        }
        ClusterConfig config = clusterFor(u"eu"_s, cluster->seedEndpoints().constFirst());
        config.mode = ClusterMode::Cluster;
        const auto client = redis::RedisClient::create(config, 2000ms);
        const DetectionReport report = SystemDetector::detect(*client, SystemDetector::Limits {});
        QCOMPARE(report.nodes, 3);
        QVERIFY(report.complete);
        QCOMPARE(report.keysScanned, 5);
        const QList<SystemFinding> found = report.findingsFor(u"bullmq"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().queues,
            (QStringList {u"{a}"_s, u"{b}"_s, u"{c}"_s, u"{d}"_s, u"{e}"_s}));
    }
};

QTEST_GUILESS_MAIN(TestSystemDetector)
#include "TestSystemDetector.moc"
