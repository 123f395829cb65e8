// Reads from the engine's cache over HTTP: the API specification's stats, compare, health and tabs
// shapes, QueueDeck's all-cluster shapes, trends, compare mode, and the 404/409/503 answers.

#include "ApiHarness.h"
#include "core/engine/Manager.h"
#include "support/JobJson.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

namespace {

void push(RedisServer& redis, const QString& list, int count)
{
    QStringList args {QStringLiteral("LPUSH"), list};
    for (int i = 0; i < count; ++i)
        args.append(jobJson(QStringLiteral("job-%1").arg(i)));
    redis.cli(args);
}

} // namespace

class TestApiStats final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_production = RedisServer::start({}, &error);
        QVERIFY2(m_production, qPrintable(error));
        m_staging = RedisServer::start({}, &error);
        QVERIFY2(m_staging, qPrintable(error));
        push(*m_production, QStringLiteral("jobqueue:high_priority"), 25);
        push(*m_production, QStringLiteral("jobqueue:low_priority"), 300);
        push(*m_production, QStringLiteral("jobqueue:dead_letter"), 3);
        push(*m_staging, QStringLiteral("jobqueue:low_priority"), 4);
        Config config
            = configFor({clusterFor(QStringLiteral("production"), m_production->endpoint()),
                clusterFor(QStringLiteral("staging"), m_staging->endpoint())});
        // Workers planted and removed below are forgotten a second after their keys are gone,
        // not after the default window of a heartbeat TTL (30 s).
        config.health.workerWindow = Millis(1000);
        m_api = std::make_unique<ApiHarness>(config);
        QVERIFY2(m_api->start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(m_api->manager().allStats().size() == 2, 5000);
    }

    void cleanupTestCase() { m_api.reset(); }

    void statsOfOneClusterHasTheSeedShape()
    {
        const HttpResponse r
            = m_api->anonymous().get(QStringLiteral("/api/v1/stats?cluster=production"));
        QCOMPARE(r.status, 200);
        const QJsonObject stats = r.object();
        QCOMPARE(
            stats.value(QStringLiteral("cluster_name")).toString(), QStringLiteral("production"));
        const QJsonObject sizes = stats.value(QStringLiteral("queue_sizes")).toObject();
        QCOMPARE(sizes.value(QStringLiteral("high")).toInteger(), 25);
        QCOMPARE(sizes.value(QStringLiteral("low")).toInteger(), 300);
        QCOMPARE(stats.value(QStringLiteral("dead_letter_count")).toInteger(), 3);
        for (const char* key : {"processing_count", "worker_count", "job_rate", "error_rate"})
            QVERIFY2(stats.value(QLatin1String(key)).isDouble(), key);
        const QStringList problems
            = m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/stats"), r);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void statsOfAllClustersIsKeyedByName()
    {
        const HttpResponse r = m_api->anonymous().get(QStringLiteral("/api/v1/stats"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().keys(),
            (QStringList {QStringLiteral("production"), QStringLiteral("staging")}));
        QCOMPARE(r.object()[QStringLiteral("staging")][QStringLiteral("queue_sizes")]
                           [QStringLiteral("low")]
                               .toInteger(),
            4);
        QVERIFY(m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/stats"), r)
                    .isEmpty());
    }

    void statsFollowNewPolls()
    {
        // Answers are rendered once per poll; a new poll must show through both forms.
        push(*m_staging, QStringLiteral("jobqueue:high_priority"), 6);
        const auto high = [this](const QString& path, const QString& cluster) {
            QJsonObject o = m_api->anonymous().get(path).object();
            if (!cluster.isEmpty())
                o = o.value(cluster).toObject();
            return o[QStringLiteral("queue_sizes")][QStringLiteral("high")].toInteger();
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            high(QStringLiteral("/api/v1/stats"), QStringLiteral("staging")), 6, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            high(QStringLiteral("/api/v1/stats?cluster=staging"), QString()), 6, 5000);
        m_staging->cli({QStringLiteral("DEL"), QStringLiteral("jobqueue:high_priority")});
        QTRY_COMPARE_WITH_TIMEOUT(
            high(QStringLiteral("/api/v1/stats?cluster=staging"), QString()), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            high(QStringLiteral("/api/v1/stats"), QStringLiteral("staging")), 0, 5000);
    }

    void statsErrors()
    {
        HttpResponse r = m_api->anonymous().get(QStringLiteral("/api/v1/stats?cluster=nope"));
        QCOMPARE(r.status, 404);
        r = m_api->anonymous().get(QStringLiteral("/api/v1/stats?cluster=not%20a%20name"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("cluster"));
        r = m_api->anonymous().get(QStringLiteral("/api/v1/stats?clusterr=production"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("unknown_parameter"));
        QCOMPARE(r.errorField(), QStringLiteral("clusterr"));
    }

    void compareHasTheSeedShape()
    {
        // The API specification's example request, as an anonymous read.
        const HttpResponse r = m_api->anonymous().post(QStringLiteral("/api/v1/stats/compare"),
            QJsonObject {{QStringLiteral("clusters"),
                QJsonArray {QStringLiteral("production"), QStringLiteral("staging")}}});
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.object();
        QCOMPARE(result.value(QStringLiteral("clusters")).toArray(),
            (QJsonArray {QStringLiteral("production"), QStringLiteral("staging")}));
        const QJsonObject queueSize
            = result[QStringLiteral("metrics")][QStringLiteral("queue_size")].toObject();
        QCOMPARE(queueSize.value(QStringLiteral("name")).toString(), QStringLiteral("queue_size"));
        QCOMPARE(
            queueSize[QStringLiteral("values")][QStringLiteral("production")].toDouble(), 325.0);
        QCOMPARE(queueSize[QStringLiteral("values")][QStringLiteral("staging")].toDouble(), 4.0);
        QCOMPARE(queueSize.value(QStringLiteral("delta")).toDouble(), 321.0);
        QCOMPARE(queueSize.value(QStringLiteral("unit")).toString(), QStringLiteral("jobs"));
        QVERIFY(result.value(QStringLiteral("anomalies")).isArray());
        const QStringList problems = m_api->conformance(
            QStringLiteral("POST"), QStringLiteral("/api/v1/stats/compare"), r);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void compareErrors()
    {
        const QString path = QStringLiteral("/api/v1/stats/compare");
        HttpResponse r = m_api->anonymous().post(path,
            QJsonObject {{QStringLiteral("clusters"), QJsonArray {QStringLiteral("production")}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("clusters"));
        r = m_api->anonymous().post(path,
            QJsonObject {
                {QStringLiteral("clusters"), QJsonArray {QStringLiteral("production"), 7}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("clusters[1]"));
        r = m_api->anonymous().post(
            path, QJsonObject {{QStringLiteral("clusters"), QStringLiteral("production")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("clusters"));
        r = m_api->anonymous().post(path,
            QJsonObject {{QStringLiteral("clusters"),
                QJsonArray {QStringLiteral("production"), QStringLiteral("ghost")}}});
        QCOMPARE(r.status, 404);
        QVERIFY(m_api->conformance(QStringLiteral("POST"), path, r).isEmpty());
    }

    void healthIs200WhenHealthyAnd503WhenNot()
    {
        // Queued work and no worker: not healthy. Add a live worker heartbeat and it is.
        QTRY_VERIFY_WITH_TIMEOUT(!m_api->manager().health(QStringLiteral("staging")).healthy
                && m_api->manager().health(QStringLiteral("staging")).hasIssue(u"no_live_workers"),
            5000);
        HttpResponse r = m_api->anonymous().get(QStringLiteral("/api/v1/health?cluster=staging"));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.object().value(QStringLiteral("healthy")).toBool(), false);
        QVERIFY(m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/health"), r)
                    .isEmpty());

        m_staging->cli({QStringLiteral("DEL"), QStringLiteral("jobqueue:low_priority")});
        // A busy worker: its processing list (how workers are found) and its heartbeat.
        m_staging->cli({QStringLiteral("LPUSH"), QStringLiteral("jobqueue:worker:w1:processing"),
            jobJson(QStringLiteral("busy"))});
        m_staging->cli({QStringLiteral("SET"), QStringLiteral("jobqueue:processing:worker:w1"),
            jobJson(QStringLiteral("busy")), QStringLiteral("EX"), QStringLiteral("30")});
        QTRY_VERIFY_WITH_TIMEOUT(m_api->manager().health(QStringLiteral("staging")).healthy
                && m_api->manager().health(QStringLiteral("staging")).metrics.workerCount == 1,
            5000);
        r = m_api->anonymous().get(QStringLiteral("/api/v1/health?cluster=staging"));
        QCOMPARE(r.status, 200);
        const QJsonObject report = r.object();
        // The API specification's fields.
        QCOMPARE(report.value(QStringLiteral("healthy")).toBool(), true);
        QVERIFY(report.value(QStringLiteral("issues")).isArray());
        QVERIFY(report[QStringLiteral("metrics")][QStringLiteral("latency_ms")].isDouble());
        QCOMPARE(report[QStringLiteral("metrics")][QStringLiteral("worker_count")].toInt(), 1);
        QVERIFY(report[QStringLiteral("metrics")][QStringLiteral("dead_letter_count")].isDouble());
        QVERIFY(QDateTime::fromString(
            report.value(QStringLiteral("last_checked")).toString(), Qt::ISODateWithMs)
                    .isValid());
        QVERIFY(m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/health"), r)
                    .isEmpty());

        // All clusters: production has 325 queued jobs and no worker, so the whole is 503.
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_api->manager().health(QStringLiteral("production")).healthy, 5000);
        r = m_api->anonymous().get(QStringLiteral("/api/v1/health"));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.object().value(QStringLiteral("healthy")).toBool(), false);
        QCOMPARE(r.object()[QStringLiteral("clusters")][QStringLiteral("staging")]
                           [QStringLiteral("healthy")]
                               .toBool(),
            true);
        const QStringList problems
            = m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/health"), r);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(
            m_api->anonymous().get(QStringLiteral("/api/v1/health?cluster=ghost")).status, 404);
    }

    void trendsOfACluster()
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            m_api->manager()
                    .trends()
                    .series(QStringLiteral("production"), QStringLiteral("queue_size"))
                    .size()
                >= 2,
            5000);
        HttpResponse r = m_api->anonymous().get(
            QStringLiteral("/api/v1/clusters/production/trends?metric=queue_size&since=10m"));
        QCOMPARE(r.status, 200);
        const QJsonArray samples
            = r.object()[QStringLiteral("metrics")][QStringLiteral("queue_size")].toArray();
        QVERIFY(samples.size() >= 2);
        QCOMPARE(samples.last()[QStringLiteral("value")].toDouble(), 325.0);
        QVERIFY(m_api
                    ->conformance(
                        QStringLiteral("GET"), QStringLiteral("/api/v1/clusters/{name}/trends"), r)
                    .isEmpty());

        r = m_api->anonymous().get(QStringLiteral("/api/v1/clusters/production/trends"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.object()[QStringLiteral("metrics")].toObject().contains(
            QStringLiteral("queue_size:high")));
        QVERIFY(r.object()[QStringLiteral("metrics")].toObject().contains(
            QStringLiteral("latency_ms")));

        r = m_api->anonymous().get(
            QStringLiteral("/api/v1/clusters/production/trends?metric=bogus"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("metric"));
        r = m_api->anonymous().get(
            QStringLiteral("/api/v1/clusters/production/trends?since=yesterday"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("since"));
        // A time in the future leaves nothing.
        r = m_api->anonymous().get(QStringLiteral(
            "/api/v1/clusters/production/trends?metric=queue_size&since=2999-01-01T00:00:00Z"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.object()[QStringLiteral("metrics")][QStringLiteral("queue_size")]
                    .toArray()
                    .isEmpty());
        QCOMPARE(
            m_api->anonymous().get(QStringLiteral("/api/v1/clusters/ghost/trends")).status, 404);
    }

    void tabsAndCompareMode()
    {
        HttpResponse r = m_api->anonymous().get(QStringLiteral("/api/v1/ui/tabs"));
        QCOMPARE(r.status, 200);
        const QJsonArray tabs = r.object().value(QStringLiteral("tabs")).toArray();
        QCOMPARE(tabs.size(), 2);
        QCOMPARE(tabs[0][QStringLiteral("index")].toInt(), 1);
        QCOMPARE(tabs[0][QStringLiteral("cluster_name")].toString(), QStringLiteral("production"));
        QCOMPARE(tabs[0][QStringLiteral("label")].toString(), QStringLiteral("PRODUCTION"));
        QCOMPARE(tabs[0][QStringLiteral("color")].toString(), QStringLiteral("green"));
        QCOMPARE(tabs[0][QStringLiteral("shortcut")].toString(), QStringLiteral("1"));
        QCOMPARE(tabs[1][QStringLiteral("shortcut")].toString(), QStringLiteral("2"));
        QCOMPARE(r.object().value(QStringLiteral("active_tab")).toInt(), 0);
        QCOMPARE(r.object().value(QStringLiteral("compare_mode")).toBool(), false);
        QVERIFY(m_api->conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/ui/tabs"), r)
                    .isEmpty());

        // The API specification's example request.
        const QJsonObject on {{QStringLiteral("enabled"), true},
            {QStringLiteral("clusters"),
                QJsonArray {QStringLiteral("production"), QStringLiteral("staging")}}};
        QCOMPARE(m_api->anonymous().put(QStringLiteral("/api/v1/ui/compare"), on).status, 401);
        r = m_api->client().put(QStringLiteral("/api/v1/ui/compare"), on);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("enabled")).toBool(), true);
        QVERIFY(m_api->manager().compareMode().enabled);
        QCOMPARE(m_api->anonymous()
                     .get(QStringLiteral("/api/v1/ui/tabs"))
                     .object()
                     .value(QStringLiteral("compare_mode"))
                     .toBool(),
            true);
        QVERIFY(m_api->conformance(QStringLiteral("PUT"), QStringLiteral("/api/v1/ui/compare"), r)
                    .isEmpty());

        r = m_api->client().put(QStringLiteral("/api/v1/ui/compare"),
            QJsonObject {{QStringLiteral("enabled"), QStringLiteral("yes")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("enabled"));
        r = m_api->client().put(QStringLiteral("/api/v1/ui/compare"),
            QJsonObject {{QStringLiteral("enabled"), true},
                {QStringLiteral("clusters"),
                    QJsonArray {QStringLiteral("production"), QStringLiteral("ghost")}}});
        QCOMPARE(r.status, 404);
        r = m_api->client().put(QStringLiteral("/api/v1/ui/compare"),
            QJsonObject {{QStringLiteral("enabled"), true},
                {QStringLiteral("clusters"), QJsonArray {QStringLiteral("production")}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("clusters"));
    }

    void noDataYetIs503()
    {
        // A cluster that never answered has no stats: compare and stats say so with 503.
        const quint16 closed = freeLoopbackPort();
        ApiHarness api(configFor({clusterFor(QStringLiteral("a"), m_production->endpoint()),
            clusterFor(QStringLiteral("down"), QStringLiteral("127.0.0.1:%1").arg(closed))}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(api.manager().allStats().contains(QStringLiteral("a")), 5000);
        HttpResponse r = api.anonymous().get(QStringLiteral("/api/v1/stats?cluster=down"));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.errorCode(), QStringLiteral("no_data"));
        r = api.anonymous().post(QStringLiteral("/api/v1/stats/compare"),
            QJsonObject {{QStringLiteral("clusters"),
                QJsonArray {QStringLiteral("a"), QStringLiteral("down")}}});
        QCOMPARE(r.status, 503);
        QVERIFY(api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/stats/compare"), r)
                    .isEmpty());
        // The all-clusters stats leave it out rather than fail.
        r = api.anonymous().get(QStringLiteral("/api/v1/stats"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().keys(), QStringList {QStringLiteral("a")});
    }

    void disabledClusterIs409()
    {
        ClusterConfig off = clusterFor(QStringLiteral("off"), m_production->endpoint());
        off.enabled = false;
        ApiHarness api(configFor({clusterFor(QStringLiteral("a"), m_production->endpoint()), off}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const HttpResponse r = api.anonymous().get(QStringLiteral("/api/v1/stats?cluster=off"));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("cluster_disabled"));
        const HttpResponse detail = api.anonymous().get(QStringLiteral("/api/v1/clusters/off"));
        QCOMPARE(detail.status, 200);
        QCOMPARE(detail.object()[QStringLiteral("connection")][QStringLiteral("status")].toString(),
            QStringLiteral("disabled"));
    }

    // Last: the workers it plants would change what the tests above read.
    void compareHasTheWorkerFigures()
    {
        // production: w1 beats and holds a job, w3 holds two jobs without a heartbeat (an
        // orphan); workers are found by their processing lists. staging has no worker at all.
        const QStringList keys {QStringLiteral("jobqueue:worker:w1:processing"),
            QStringLiteral("jobqueue:processing:worker:w1"),
            QStringLiteral("jobqueue:worker:w3:processing")};
        const auto forget = qScopeGuard([&] { m_production->cli(QStringList {u"DEL"_s} + keys); });
        // The health test above left a busy worker on staging: gone, and forgotten once worker
        // discovery has finished a scan without it.
        m_staging->cli(QStringList {u"DEL"_s} + keys);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_api->manager().cachedStats(u"staging"_s).value_or(ClusterStats {}).workers.isEmpty(),
            5000);
        m_production->cli({u"LPUSH"_s, keys[0], u"{\"id\":\"p1\"}"_s});
        m_production->cli({u"SET"_s, keys[1], u"{\"id\":\"p1\"}"_s, u"EX"_s, u"30"_s});
        m_production->cli({u"LPUSH"_s, keys[2], u"{\"id\":\"p2\"}"_s, u"{\"id\":\"p3\"}"_s});
        QTRY_VERIFY_WITH_TIMEOUT(
            m_api->manager().cachedStats(u"production"_s).value_or(ClusterStats {}).workers.size()
                == 2,
            5000);

        const HttpResponse r = m_api->anonymous().post(u"/api/v1/stats/compare"_s,
            QJsonObject {{u"clusters"_s, QJsonArray {u"production"_s, u"staging"_s}}});
        QCOMPARE(r.status, 200);
        const QJsonObject workers = r.object().value(u"worker_metrics"_s).toObject();
        QCOMPARE(workers.keys(),
            (QStringList {u"busy_workers"_s, u"known_workers"_s, u"oldest_heartbeat_ms"_s,
                u"orphaned_workers"_s}));
        const auto value = [&workers](const QString& metric, const QString& cluster) {
            return workers[metric][u"values"_s][cluster];
        };
        QCOMPARE(value(u"known_workers"_s, u"production"_s).toDouble(), 2.0);
        QCOMPARE(value(u"known_workers"_s, u"staging"_s).toDouble(), 0.0);
        QCOMPARE(value(u"busy_workers"_s, u"production"_s).toDouble(), 2.0);
        QCOMPARE(value(u"orphaned_workers"_s, u"production"_s).toDouble(), 1.0);
        QCOMPARE(value(u"orphaned_workers"_s, u"staging"_s).toDouble(), 0.0);
        QVERIFY(value(u"oldest_heartbeat_ms"_s, u"production"_s).toDouble() >= 0);
        QVERIFY(value(u"oldest_heartbeat_ms"_s, u"staging"_s).isUndefined()); // none beats
        QCOMPARE(workers[u"known_workers"_s][u"delta"_s].toDouble(), 2.0);
        QCOMPARE(workers[u"known_workers"_s][u"unit"_s].toString(), u"workers"_s);
        QCOMPARE(workers[u"known_workers"_s][u"highlighted"_s].toArray(),
            (QJsonArray {u"production"_s, u"staging"_s}));
        QCOMPARE(workers[u"oldest_heartbeat_ms"_s][u"unit"_s].toString(), u"ms"_s);
        const QStringList problems = m_api->conformance(u"POST"_s, u"/api/v1/stats/compare"_s, r);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

private:
    std::unique_ptr<RedisServer> m_production;
    std::unique_ptr<RedisServer> m_staging;
    std::unique_ptr<ApiHarness> m_api;
};

QTEST_GUILESS_MAIN(TestApiStats)
#include "TestApiStats.moc"
