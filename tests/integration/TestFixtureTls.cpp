// The fixture's TLS servers: generated PKI, TLS-only port, optional client certificates.

#include "support/RedisCli.h"
#include "support/RedisServer.h"
#include "support/RespProbe.h"

#include <QFileInfo>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qd::test::RedisCli;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;
using qd::test::RespProbe;

namespace {

RespProbe::Options tlsProbe(
    const QString& caCert, const QString& cert = {}, const QString& key = {})
{
    RespProbe::Options options;
    options.tls = true;
    options.caCert = caCert;
    options.clientCert = cert;
    options.clientKey = key;
    return options;
}

} // namespace

class TestFixtureTls final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void generatedFilesAreUsable();
    void answersOverTlsOnly();
    void wrongCaIsRejected();
    void clientCertificateRequired();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisServer> m_server; // TLS, client certificate optional
};

void TestFixtureTls::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    RedisServerOptions options;
    options.tls = true;
    QString error;
    m_server = RedisServer::start(options, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestFixtureTls::generatedFilesAreUsable()
{
    const auto files = m_server->tlsFiles();
    for (const QString& path : {files.caCert, files.caKey, files.serverCert, files.serverKey,
             files.clientCert, files.clientKey})
        QVERIFY2(QFileInfo(path).isFile() && QFileInfo(path).size() > 0, qPrintable(path));
    const auto server = QSslCertificate::fromPath(files.serverCert);
    QCOMPARE(server.size(), 1);
    const auto names = server.first().subjectAlternativeNames();
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
    QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
    const auto ca = QSslCertificate::fromPath(files.caCert);
    QCOMPARE(ca.size(), 1);
    QCOMPARE(server.first().issuerDisplayName(), ca.first().subjectDisplayName());
}

void TestFixtureTls::answersOverTlsOnly()
{
    QString error;
    const QByteArray tlsReply = RespProbe::ping(
        m_server->host(), m_server->port(), tlsProbe(m_server->tlsFiles().caCert), &error);
    QVERIFY2(tlsReply == "+PONG", qPrintable(error));
    QCOMPARE(m_server->cli({u"PING"_s}), QByteArrayLiteral("PONG"));

    RespProbe::Options plain;
    plain.timeoutMs = 1000;
    QVERIFY(RespProbe::ping(m_server->host(), m_server->port(), plain) != "+PONG");
}

void TestFixtureTls::wrongCaIsRejected()
{
    QTemporaryDir otherDir;
    QVERIFY(otherDir.isValid());
    QString error;
    const auto other = RedisServer::generateTlsFiles(otherDir.path(), &error);
    QVERIFY2(!other.isEmpty(), qPrintable(error));
    QVERIFY(QSslCertificate::fromPath(other.caCert)
        != QSslCertificate::fromPath(m_server->tlsFiles().caCert));

    QVERIFY(RespProbe::ping(m_server->host(), m_server->port(), tlsProbe(other.caCert), &error)
                .isEmpty());
    QVERIFY2(!error.isEmpty(), "a handshake against the wrong CA must fail");

    const auto cli = RedisCli::run({u"-h"_s, m_server->host(), u"-p"_s,
        QString::number(m_server->port()), u"--tls"_s, u"--cacert"_s, other.caCert, u"PING"_s});
    QVERIFY2(cli.out != "PONG", cli.out.constData());
}

void TestFixtureTls::clientCertificateRequired()
{
    RedisServerOptions options;
    options.tls = true;
    options.tlsRequireClientCert = true;
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY2(server, qPrintable(error));
    const auto files = server->tlsFiles();

    // TLS 1.3 lets the client finish its handshake first; the refusal arrives as an alert.
    QVERIFY(
        RespProbe::ping(server->host(), server->port(), tlsProbe(files.caCert), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    const auto noCert = RedisCli::run({u"-h"_s, server->host(), u"-p"_s,
        QString::number(server->port()), u"--tls"_s, u"--cacert"_s, files.caCert, u"PING"_s});
    QVERIFY2(noCert.out != "PONG", noCert.out.constData());

    const QByteArray withCert = RespProbe::ping(server->host(), server->port(),
        tlsProbe(files.caCert, files.clientCert, files.clientKey), &error);
    QVERIFY2(withCert == "+PONG", qPrintable(error));
    QCOMPARE(server->cli({u"PING"_s}), QByteArrayLiteral("PONG"));
}

void TestFixtureTls::cleanupTestCase()
{
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestFixtureTls)
#include "TestFixtureTls.moc"
