// TLS verification is on unless a cluster explicitly turns it off: a server whose certificate
// comes from a CA the cluster does not trust is refused with an error that says so (seen
// through the API as an operator sees it), and the same server with the right CA is healthy.

#include "ApiHarness.h"
#include "core/config/ConfigReader.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qd;
using namespace qd::test;

class TestTlsVerification final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<RedisServer> m_redis;
    QTemporaryDir m_otherPki;
    TlsFiles m_foreign;

    ClusterConfig tlsCluster(const QString& name, const QString& caFile, bool skipVerify = false)
    {
        ClusterConfig c = clusterFor(name, m_redis->endpoint());
        c.tls.enabled = true;
        c.tls.caFile = caFile;
        c.tls.insecureSkipVerify = skipVerify;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        RedisServerOptions options;
        options.tls = true;
        m_redis = RedisServer::start(options, &error);
        QVERIFY2(m_redis, qPrintable(error));
        m_foreign = generateTlsFiles(m_otherPki.path(), &error);
        QVERIFY2(!m_foreign.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_redis.reset(); }

    void verificationIsTheDefault()
    {
        // A config file's tls block that says nothing about verification verifies.
        // (Escaped, not a raw string: moc reads "//" inside a raw string as a comment.)
        const ConfigReadResult read = ConfigReader::read(
            "{\"clusters\":[{\"name\":\"a\",\"endpoint\":\"127.0.0.1:6380\",\"tls\":{}},"
            "{\"name\":\"b\",\"endpoint\":\"rediss:\\/\\/127.0.0.1:6380\"}]}");
        QVERIFY(read.ok());
        QVERIFY(read.config.clusters[0].tls.enabled);
        QVERIFY(!read.config.clusters[0].tls.insecureSkipVerify);
        QVERIFY(!read.config.clusters[1].tls.insecureSkipVerify);
    }

    void foreignCertificatesAreRefused()
    {
        ClusterConfig url
            = clusterFor(QStringLiteral("url"), QStringLiteral("rediss://") + m_redis->endpoint());
        Config config
            = configFor({tlsCluster(QStringLiteral("trusted"), m_redis->tlsFiles().caCert),
                tlsCluster(QStringLiteral("foreign"), m_foreign.caCert),
                tlsCluster(QStringLiteral("systemcas"), QString()), url,
                tlsCluster(QStringLiteral("skipped"), m_foreign.caCert, true)});
        // Loading the system CA bundle takes a while on a busy machine: a poll that gave up
        // first would report a timeout instead of the verification error.
        config.polling.interval = Millis(3000);
        config.polling.timeout = Millis(2500);
        ApiHarness api(config);
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        HttpClient& c = api.anonymous();
        // The right CA connects, so the refusals below are about trust alone.
        QTRY_COMPARE_WITH_TIMEOUT(
            c.get(QStringLiteral("/api/v1/health?cluster=trusted")).status, 200, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            c.get(QStringLiteral("/api/v1/health?cluster=skipped")).status, 200, 10000);
        for (const QString& name :
            {QStringLiteral("foreign"), QStringLiteral("systemcas"), QStringLiteral("url")}) {
            QJsonObject connection;
            QTRY_VERIFY_WITH_TIMEOUT(
                !(connection = c.get(QStringLiteral("/api/v1/clusters/") + name)
                                   .object()[QStringLiteral("connection")]
                                   .toObject())[QStringLiteral("last_error")]
                     .toString()
                     .isEmpty(),
                10000);
            QCOMPARE(connection[QStringLiteral("reachable")].toBool(), false);
            const QString message = connection[QStringLiteral("last_error")].toString();
            QVERIFY2(message.contains(QStringLiteral("certificate"), Qt::CaseInsensitive)
                    || message.contains(QStringLiteral("verif"), Qt::CaseInsensitive),
                qPrintable(name + QStringLiteral(": ") + message));
            const HttpResponse health = c.get(QStringLiteral("/api/v1/health?cluster=") + name);
            QCOMPARE(health.status, 503);
            QCOMPARE(health.object()[QStringLiteral("reachable")].toBool(), false);
        }
        // Actions are refused the same way: nothing is sent to an untrusted server.
        HttpResponse peek = api.client().post(QStringLiteral("/api/v1/actions"),
            {{QStringLiteral("type"), QStringLiteral("purge_dlq")},
                {QStringLiteral("targets"), QJsonArray {QStringLiteral("foreign")}}});
        if (peek.status == 202)
            peek = api.client().post(QStringLiteral("/api/v1/actions/%1/confirm")
                                         .arg(peek.object()[QStringLiteral("id")].toString()),
                {{QStringLiteral("confirmed_by"), QStringLiteral("tester")}});
        QVERIFY2(peek.status == 200, peek.describe().constData());
        QCOMPARE(peek.object()[QStringLiteral("status")].toString(), QStringLiteral("failed"));
        const QString why = peek.object()[QStringLiteral("results")][QStringLiteral("foreign")]
                                         [QStringLiteral("message")]
                                             .toString();
        QVERIFY2(why.contains(QStringLiteral("certificate"), Qt::CaseInsensitive)
                || why.contains(QStringLiteral("verif"), Qt::CaseInsensitive),
            qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestTlsVerification)
#include "TestTlsVerification.moc"
