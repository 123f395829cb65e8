// A TLS server whose certificate changes while the engine polls five clusters (the workload
// generator on the TLS one): a new certificate from the same CA is accepted after the restart
// without anyone noticing more than a reconnect; a certificate from another CA is refused with
// a verification error, until the cluster's ca_file is changed through the API.

#include "FaultTestSupport.h"
#include "support/RedisServer.h"
#include "support/TlsFiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

class TestFaultTls final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void certificateChanges()
    {
        QString error;
        RedisServerOptions tlsOptions;
        tlsOptions.tls = true;
        std::vector<std::unique_ptr<RedisServer>> servers;
        servers.push_back(RedisServer::start(tlsOptions, &error));
        QVERIFY2(servers.back(), qPrintable(error));
        RedisServer& tls = *servers.back();
        const TlsFiles original = tls.tlsFiles();
        ClusterConfig tlsCluster = clusterFor(u"tls"_s, tls.endpoint());
        tlsCluster.tls.enabled = true;
        tlsCluster.tls.caFile = original.caCert;
        QList<ClusterConfig> clusters {tlsCluster};
        QVERIFY2(addBystanders(servers, clusters, 4, &error), qPrintable(error));
        auto load = startWorkload(tlsCluster, &error);
        QVERIFY2(load, qPrintable(error));
        ApiHarness harness(faultConfig(clusters));
        QVERIFY2(harness.start(&error), qPrintable(error));
        Manager& manager = harness.manager();
        QString unreachable;
        QVERIFY2(allReachable(manager, clusters, &unreachable), qPrintable(unreachable));

        // Rotation: a new certificate and key signed by the same CA.
        TlsFiles rotated = original;
        QVERIFY2(reissueServerCertificate(
                     original, u"rotated"_s, &rotated.serverCert, &rotated.serverKey, &error),
            qPrintable(error));
        QVERIFY2(tls.restartWithTls(rotated), qPrintable(tls.lastError()));
        QCOMPARE(tls.cli({u"CONFIG"_s, u"GET"_s, u"tls-cert-file"_s}).split('\n').value(1),
            rotated.serverCert.toUtf8());
        // The pooled connections died with the old process; new ones verify the new
        // certificate against the configured CA and succeed: the next polls are fine.
        QTest::qWait(int((kFaultInterval + kFaultJitter).count()) * 2);
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(u"tls"_s), 3000);
        QVERIFY(manager.health(u"tls"_s).reachable);
        const qint64 taken = load->snapshot().taken;
        QTRY_VERIFY_WITH_TIMEOUT(load->snapshot().taken > taken, 10000);

        // Another CA altogether: verification must refuse it, and say so.
        QTemporaryDir otherPki;
        const TlsFiles foreign = generateTlsFiles(otherPki.path(), &error);
        QVERIFY2(!foreign.isEmpty(), qPrintable(error));
        load->stop(); // its clients trust the old CA too and would only add noise
        QVERIFY2(tls.restartWithTls(foreign), qPrintable(tls.lastError()));
        const auto unreachableMessage = [&] {
            const HealthReport now = manager.health(u"tls"_s);
            return now.hasIssue(u"unreachable") ? now.issue(u"unreachable")->message : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            unreachableMessage().contains(u"certificate verification failed"), 5000);
        const QString message = unreachableMessage();
        QVERIFY2(
            message.contains(u"\"tls\"") && message.contains(tls.endpoint()), qPrintable(message));
        QVERIFY2(message.contains(u"configuration needs fixing"), qPrintable(message));
        // It stays refused: no retry turns a wrong CA into a right one.
        QTest::qWait(int(kFaultInterval.count()) * 3);
        QVERIFY(unreachableMessage().contains(u"certificate verification failed"));
        for (int i = 1; i < clusters.size(); ++i)
            QVERIFY2(manager.isReachable(clusters.at(i).name), qPrintable(clusters.at(i).name));

        // The operator trusts the new CA through the API: recovered without a restart.
        const HttpResponse got = harness.client().get(u"/api/v1/clusters/tls"_s);
        QCOMPARE(got.status, 200);
        QJsonObject body = got.object();
        body.remove(u"connection"_s);
        QJsonObject tlsBlock = body[u"tls"_s].toObject();
        QCOMPARE(tlsBlock[u"ca_file"_s].toString(), original.caCert);
        tlsBlock[u"ca_file"_s] = foreign.caCert;
        body[u"tls"_s] = tlsBlock;
        const HttpResponse put = harness.client().put(u"/api/v1/clusters/tls"_s, body);
        QVERIFY2(put.status == 200, put.describe().constData());
        QTRY_VERIFY_WITH_TIMEOUT(manager.isReachable(u"tls"_s), 5000);
    }
};

QTEST_GUILESS_MAIN(TestFaultTls)
#include "TestFaultTls.moc"
