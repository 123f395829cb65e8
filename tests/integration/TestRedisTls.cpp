// TLS with OpenSSL against TLS-only servers: verified chains and names, a foreign CA and a
// wrong name refused, verification explicitly skipped, and client certificates.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/redis/StandaloneClient.h"
#include "support/RedisServer.h"
#include "support/TlsFiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::TlsConfig;
using qd::redis::ConnectionError;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::redis::StandaloneClient;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;
using qd::test::TlsFiles;

class TestRedisTls final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void connects_data();
    void connects();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisServer> m_tls;
    std::unique_ptr<RedisServer> m_mutualTls; // tls-auth-clients yes
    QTemporaryDir m_otherPki;
    TlsFiles m_foreign; // an unrelated CA with its own client certificate
};

namespace {

enum class Target { Tls, MutualTls };
enum class Files { Own, ForeignCa, None };

} // namespace

void TestRedisTls::initTestCase()
{
    QString error;
    RedisServerOptions options;
    options.tls = true;
    options.password = u"tls-pw"_s;
    m_tls = RedisServer::start(options, &error);
    QVERIFY2(m_tls, qPrintable(error));
    options.tlsRequireClientCert = true;
    m_mutualTls = RedisServer::start(options, &error);
    QVERIFY2(m_mutualTls, qPrintable(error));
    QVERIFY(m_otherPki.isValid());
    m_foreign = qd::test::generateTlsFiles(m_otherPki.path(), &error);
    QVERIFY2(!m_foreign.isEmpty(), qPrintable(error));
}

void TestRedisTls::connects_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QString>("scheme"); // "rediss://" turns TLS on by itself
    QTest::addColumn<Files>("caFile");
    QTest::addColumn<bool>("clientCert");
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<bool>("skipVerify");
    QTest::addColumn<bool>("ok");

    const QString tlsBlock; // TLS enabled through the config's tls block
    const QString rediss = u"rediss://"_s;
    QTest::newRow("verified by IP")
        << Target::Tls << tlsBlock << Files::Own << false << QString() << false << true;
    QTest::newRow("rediss URL") << Target::Tls << rediss << Files::Own << false << QString()
                                << false << true;
    QTest::newRow("verified by name")
        << Target::Tls << tlsBlock << Files::Own << false << u"localhost"_s << false << true;
    QTest::newRow("foreign CA") << Target::Tls << tlsBlock << Files::ForeignCa << false << QString()
                                << false << false;
    QTest::newRow("system CAs only")
        << Target::Tls << tlsBlock << Files::None << false << QString() << false << false;
    QTest::newRow("wrong name") << Target::Tls << tlsBlock << Files::Own << false
                                << u"db.example.com"_s << false << false;
    QTest::newRow("skip verify") << Target::Tls << rediss << Files::ForeignCa << false
                                 << u"db.example.com"_s << true << true;
    QTest::newRow("client cert given")
        << Target::MutualTls << tlsBlock << Files::Own << true << QString() << false << true;
    QTest::newRow("client cert missing")
        << Target::MutualTls << tlsBlock << Files::Own << false << QString() << false << false;
}

void TestRedisTls::connects()
{
    QFETCH(Target, target);
    QFETCH(QString, scheme);
    QFETCH(Files, caFile);
    QFETCH(bool, clientCert);
    QFETCH(QString, serverName);
    QFETCH(bool, skipVerify);
    QFETCH(bool, ok);

    const RedisServer* server = target == Target::Tls ? m_tls.get() : m_mutualTls.get();
    const TlsFiles own = server->tlsFiles();
    ClusterConfig config;
    config.name = u"tls"_s;
    config.endpoint = scheme + server->endpoint();
    config.password = u"tls-pw"_s;
    TlsConfig& tls = config.tls;
    tls.enabled = scheme.isEmpty();
    tls.caFile = caFile == Files::Own ? own.caCert
        : caFile == Files::ForeignCa  ? m_foreign.caCert
                                      : QString();
    if (clientCert) {
        tls.certFile = own.clientCert;
        tls.keyFile = own.clientKey;
    }
    tls.serverName = serverName;
    tls.insecureSkipVerify = skipVerify;

    const auto redis = RedisClient::create(config, 3s);
    try {
        QCOMPARE(redis->command({"PING"}), Reply::status("PONG"));
        QVERIFY2(ok, "the connection should have been refused");
        QCOMPARE(redis->command({"SET", "over", "tls"}), Reply::status("OK"));
        QCOMPARE(server->cli({u"GET"_s, u"over"_s}), "tls"_ba);
        // The idle check between calls must not mistake TLS housekeeping (session tickets)
        // for a closed connection: one connection served both calls.
        QCOMPARE(static_cast<StandaloneClient&>(*redis).pool().connectAttempts(), 1);
    } catch (const ConnectionError& error) {
        QVERIFY2(!ok, error.what());
        QCOMPARE(ConnectionError::kindName(error.kind()), u"tls"_s);
        QVERIFY2(error.message().contains(server->endpoint()), error.what());
    }
}

void TestRedisTls::cleanupTestCase()
{
    m_tls.reset();
    m_mutualTls.reset();
}

QTEST_GUILESS_MAIN(TestRedisTls)
#include "TestRedisTls.moc"
