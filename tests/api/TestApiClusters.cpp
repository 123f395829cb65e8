// Cluster management over HTTP: the API specification's shapes, password_set instead of passwords,
// every status code, and changes saved to the config file and announced as config_changed.

#include "ApiHarness.h"
#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QTest>

using namespace qd;
using namespace qd::test;

namespace {

const QString kMarker = QStringLiteral("Sup3rSecretMarker!");

QJsonObject seedNewCluster(const QString& endpoint)
{
    // The API specification's "Add Cluster" request body, with a reachable endpoint.
    return {{QStringLiteral("name"), QStringLiteral("new-cluster")},
        {QStringLiteral("label"), QStringLiteral("New Cluster")},
        {QStringLiteral("color"), QStringLiteral("blue")}, {QStringLiteral("endpoint"), endpoint},
        {QStringLiteral("password"), kMarker}, {QStringLiteral("db"), 0},
        {QStringLiteral("enabled"), true}};
}

} // namespace

class TestApiClusters final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_redis = RedisServer::start({}, &error);
        QVERIFY2(m_redis, qPrintable(error));
    }

    void listShowsSeedFieldsAndNoPassword()
    {
        ClusterConfig production = clusterFor(QStringLiteral("production"), m_redis->endpoint());
        production.password = kMarker;
        ClusterConfig staging = clusterFor(QStringLiteral("staging"),
            QStringLiteral("redis://ops:%1@127.0.0.1:%2/0").arg(kMarker).arg(m_redis->port()));
        ApiHarness api(configFor({production, staging}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));

        const HttpResponse list = api.anonymous().get(QStringLiteral("/api/v1/clusters"));
        QCOMPARE(list.status, 200);
        QVERIFY(list.header("content-type").startsWith("application/json"));
        QVERIFY2(!list.body.contains(kMarker.toUtf8()), list.body.constData());
        QCOMPARE(list.array().size(), 2);
        const QJsonObject first = list.array().at(0).toObject();
        for (const char* key : {"name", "label", "color", "endpoint", "enabled"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("password_set")).toBool(), true);
        QVERIFY(!first.contains(QStringLiteral("password")));
        // A password inside a redis:// URL is hidden too, and counts as set.
        const QJsonObject second = list.array().at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("password_set")).toBool(), true);
        QVERIFY(!second.value(QStringLiteral("endpoint")).toString().contains(kMarker));
        QVERIFY2(api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/clusters"), list)
                     .isEmpty(),
            qPrintable(
                api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/clusters"), list)
                    .join(u'\n')));
    }

    void getIncludesConnectionStatus()
    {
        const quint16 closed = freeLoopbackPort();
        ApiHarness api(configFor({clusterFor(QStringLiteral("up"), m_redis->endpoint()),
            clusterFor(QStringLiteral("down"), QStringLiteral("127.0.0.1:%1").arg(closed))}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(api.manager().isReachable(QStringLiteral("up")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            api.manager().health(QStringLiteral("down")).lastChecked.isValid(), 5000);

        const HttpResponse up = api.anonymous().get(QStringLiteral("/api/v1/clusters/up"));
        QCOMPARE(up.status, 200);
        const QJsonObject upConnection = up.object().value(QStringLiteral("connection")).toObject();
        QCOMPARE(upConnection.value(QStringLiteral("reachable")).toBool(), true);
        QVERIFY(upConnection.value(QStringLiteral("last_error")).isNull());
        QVERIFY(
            api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/clusters/{name}"), up)
                .isEmpty());

        const HttpResponse down = api.anonymous().get(QStringLiteral("/api/v1/clusters/down"));
        QCOMPARE(down.status, 200);
        const QJsonObject connection = down.object().value(QStringLiteral("connection")).toObject();
        QCOMPARE(connection.value(QStringLiteral("reachable")).toBool(), false);
        QCOMPARE(
            connection.value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy"));
        QVERIFY(connection.value(QStringLiteral("last_error"))
                    .toString()
                    .contains(QString::number(closed)));

        const HttpResponse missing = api.anonymous().get(QStringLiteral("/api/v1/clusters/nope"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), QStringLiteral("cluster_not_found"));
        QVERIFY(api.conformance(
                       QStringLiteral("GET"), QStringLiteral("/api/v1/clusters/{name}"), missing)
                    .isEmpty());
        const HttpResponse bad = api.anonymous().get(QStringLiteral("/api/v1/clusters/bad%20name"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorField(), QStringLiteral("name"));
    }

    void addUpdateDeleteSavesConfigAndAnnounces()
    {
        ApiHarness api(configFor({clusterFor(QStringLiteral("production"), m_redis->endpoint())}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const qint64 before = api.manager().events().lastId();

        // The API specification's example request, with a token: 201, Location, connection status.
        const HttpResponse added = api.client().post(
            QStringLiteral("/api/v1/clusters"), seedNewCluster(m_redis->endpoint()));
        QCOMPARE(added.status, 201);
        QCOMPARE(added.header("location"), QByteArray("/api/v1/clusters/new-cluster"));
        QCOMPARE(added.object().value(QStringLiteral("label")).toString(),
            QStringLiteral("New Cluster"));
        QCOMPARE(added.object().value(QStringLiteral("password_set")).toBool(), true);
        QVERIFY(!added.body.contains(kMarker.toUtf8()));
        const QStringList addedProblems
            = api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/clusters"), added);
        QVERIFY2(addedProblems.isEmpty(),
            qPrintable(addedProblems.join(u'\n') + QString::fromUtf8(added.body)));
        // Saved: the file (owner-only, it holds the password) now has the cluster.
        ConfigFile file(api.configPath());
        ConfigReadResult saved = file.load(false);
        QVERIFY(saved.ok());
        QVERIFY(saved.config.cluster(QStringLiteral("new-cluster")));
        QCOMPARE(saved.config.cluster(QStringLiteral("new-cluster"))->password, kMarker);
        QCOMPARE(QFile::permissions(api.configPath())
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());
        bool announced = false;
        for (const Event& event : api.manager().events().since(before))
            announced = announced || event.type == events::kConfigChanged;
        QVERIFY(announced);
        // And polled at once, without a restart.
        QTRY_VERIFY_WITH_TIMEOUT(api.manager().isReachable(QStringLiteral("new-cluster")), 5000);

        // Adding it again: 409.
        const HttpResponse duplicate = api.client().post(
            QStringLiteral("/api/v1/clusters"), seedNewCluster(m_redis->endpoint()));
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(duplicate.errorCode(), QStringLiteral("cluster_exists"));

        // PUT what GET returned, with a new label: the password (never sent) stays.
        QJsonObject edited
            = api.anonymous().get(QStringLiteral("/api/v1/clusters/new-cluster")).object();
        edited.insert(QStringLiteral("label"), QStringLiteral("Renamed label"));
        const HttpResponse updated
            = api.client().put(QStringLiteral("/api/v1/clusters/new-cluster"), edited);
        QVERIFY2(updated.status == 200, updated.describe().constData());
        QCOMPARE(updated.object().value(QStringLiteral("label")).toString(),
            QStringLiteral("Renamed label"));
        saved = file.load(false);
        QCOMPARE(saved.config.cluster(QStringLiteral("new-cluster"))->label,
            QStringLiteral("Renamed label"));
        QCOMPARE(saved.config.cluster(QStringLiteral("new-cluster"))->password, kMarker);
        QVERIFY(api.conformance(
                       QStringLiteral("PUT"), QStringLiteral("/api/v1/clusters/{name}"), updated)
                    .isEmpty());

        const HttpResponse putMissing = api.client().put(
            QStringLiteral("/api/v1/clusters/ghost"), seedNewCluster(m_redis->endpoint()));
        QCOMPARE(putMissing.status, 404);

        const HttpResponse removed
            = api.client().del(QStringLiteral("/api/v1/clusters/new-cluster"));
        QCOMPARE(removed.status, 204);
        QVERIFY(removed.body.isEmpty());
        QVERIFY(!file.load(false).config.cluster(QStringLiteral("new-cluster")));
        QCOMPARE(api.client().del(QStringLiteral("/api/v1/clusters/new-cluster")).status, 404);
        QCOMPARE(api.anonymous().get(QStringLiteral("/api/v1/clusters/new-cluster")).status, 404);
    }

    void badBodiesNameTheField()
    {
        ApiHarness api(configFor({clusterFor(QStringLiteral("production"), m_redis->endpoint())}));
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        const QString path = QStringLiteral("/api/v1/clusters");

        QJsonObject wrongType = seedNewCluster(m_redis->endpoint());
        wrongType.insert(QStringLiteral("db"), QStringLiteral("zero"));
        HttpResponse r = api.client().post(path, wrongType);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("db"));

        QJsonObject unknown = seedNewCluster(m_redis->endpoint());
        unknown.insert(QStringLiteral("colour"), QStringLiteral("blue"));
        r = api.client().post(path, unknown);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("unknown_field"));
        QCOMPARE(r.errorField(), QStringLiteral("colour"));

        QJsonObject badColor = seedNewCluster(m_redis->endpoint());
        badColor.insert(QStringLiteral("color"), QStringLiteral("grene"));
        r = api.client().post(path, badColor);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("color"));

        QJsonObject noEndpoint = seedNewCluster(m_redis->endpoint());
        noEndpoint.remove(QStringLiteral("endpoint"));
        r = api.client().post(path, noEndpoint);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("endpoint"));

        QJsonObject badName = seedNewCluster(m_redis->endpoint());
        badName.insert(QStringLiteral("name"), QStringLiteral("no spaces allowed"));
        r = api.client().post(path, badName);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("name"));
        QVERIFY(api.conformance(QStringLiteral("POST"), path, r).isEmpty());

        // Nothing of that reached the config.
        QCOMPARE(api.manager().clusterNames(), QStringList {QStringLiteral("production")});
    }

private:
    std::unique_ptr<RedisServer> m_redis;
};

QTEST_GUILESS_MAIN(TestApiClusters)
#include "TestApiClusters.moc"
