#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/ConnectionSettings.h"
#include "core/redis/RedisClient.h"
#include "support/EngineConfig.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUrl>

#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::ClusterMode;
using qd::redis::ConnectionError;
using qd::redis::ConnectionSettings;
using qd::redis::Endpoint;
using qd::redis::RedisClient;
using qd::redis::Severity;
using Kind = ConnectionError::Kind;

// How connection failures are classified and worded, and that no password ever shows. The
// failures that need no Redis server (refused, unresolvable, silent, not RESP) happen for real
// here; those that need one (auth, TLS, wrong db) are in the integration tests.
class TestRedisErrors final : public QObject {
    Q_OBJECT

private slots:
    void severityFollowsTheSeed_data();
    void severityFollowsTheSeed();
    void messageNamesClusterAndEndpoint();
    void passwordIsScrubbed();
    void realFailuresAreClassified_data();
    void realFailuresAreClassified();
    void badConfigurationIsAConfigError_data();
    void badConfigurationIsAConfigError();
};

namespace {

const QString kMarker = u"MARKER-s3cr3t-PW"_s;

// A loopback listener; `reply` (if any) is written to the first client that connects.
class FakeServer final {
public:
    explicit FakeServer(const QByteArray& reply = {})
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::listen(m_fd, 4) != 0
            || getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
            return; // port() stays 0 and the test fails on it
        m_port = ntohs(address.sin_port);
        if (!reply.isEmpty()) {
            m_thread = std::thread([this, reply] {
                const int client = ::accept(m_fd, nullptr, nullptr);
                if (client >= 0) {
                    ::send(client, reply.constData(), size_t(reply.size()), MSG_NOSIGNAL);
                    ::shutdown(client, SHUT_WR);
                    char sink[256];
                    while (::recv(client, sink, sizeof sink, 0) > 0) { }
                    ::close(client);
                }
            });
        }
    }
    ~FakeServer()
    {
        ::shutdown(m_fd, SHUT_RDWR); // wakes a thread still blocked in accept()
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_fd);
    }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
    std::thread m_thread;
};

// A cluster whose password must never show.
ClusterConfig withMarkerPassword(const QString& endpoint)
{
    ClusterConfig config = qd::test::clusterFor(u"prod-eu"_s, endpoint);
    config.password = kMarker;
    return config;
}

} // namespace

void TestRedisErrors::severityFollowsTheSeed_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("name");
    // Degraded (retrying may help) is a Warning; a misconfiguration is an Error.
    QTest::newRow("refused") << Kind::Refused << Severity::Warning << u"refused"_s;
    QTest::newRow("timeout") << Kind::Timeout << Severity::Warning << u"timeout"_s;
    QTest::newRow("cluster down") << Kind::ClusterDown << Severity::Warning << u"cluster_down"_s;
    QTest::newRow("resolve") << Kind::Resolve << Severity::Warning << u"resolve"_s;
    QTest::newRow("io") << Kind::Io << Severity::Warning << u"io"_s;
    QTest::newRow("tls") << Kind::Tls << Severity::Error << u"tls"_s;
    QTest::newRow("auth") << Kind::Auth << Severity::Error << u"auth"_s;
    QTest::newRow("wrong db") << Kind::WrongDb << Severity::Error << u"wrong_db"_s;
    QTest::newRow("protocol") << Kind::Protocol << Severity::Error << u"protocol"_s;
    QTest::newRow("config") << Kind::Config << Severity::Error << u"config"_s;
}

void TestRedisErrors::severityFollowsTheSeed()
{
    QFETCH(Kind, kind);
    QFETCH(Severity, severity);
    QFETCH(QString, name);
    const ConnectionError error(kind, u"c"_s, u"h:1"_s, u"why"_s);
    QCOMPARE(error.severity(), severity);
    QCOMPARE(ConnectionError::kindName(kind), name);
}

void TestRedisErrors::messageNamesClusterAndEndpoint()
{
    const ConnectionError full(
        Kind::Refused, u"prod"_s, u"10.0.0.5:6379"_s, u"connection refused"_s);
    QCOMPARE(full.message(), u"cluster \"prod\" (10.0.0.5:6379): connection refused"_s);
    QCOMPARE(QString::fromUtf8(full.what()), full.message());
    QCOMPARE(ConnectionError(Kind::Io, {}, u"h:1"_s, u"x"_s).message(), u"h:1: x"_s);
    QCOMPARE(ConnectionError(Kind::Io, u"c"_s, {}, u"x"_s).message(), u"cluster \"c\": x"_s);
    QCOMPARE(severityName(Severity::Warning), u"warning"_s);
}

void TestRedisErrors::passwordIsScrubbed()
{
    ConnectionSettings settings;
    settings.clusterName = u"prod"_s;
    settings.endpoint = *Endpoint::parse(QString(u"redis://ops:"_s + kMarker + u"@h:1"_s));
    settings.password = u"other-"_s + kMarker;
    const ConnectionError error = settings.error(
        Kind::Auth, u"server said: AUTH other-"_s + kMarker + u" and "_s + kMarker + u" failed"_s);
    QVERIFY2(!error.message().contains(kMarker), error.what());
    QVERIFY2(error.message().contains(u"***"_s), error.what());
    QVERIFY2(error.message().contains(u"redis://ops@h:1"_s), error.what());
}

void TestRedisErrors::realFailuresAreClassified_data()
{
    QTest::addColumn<QString>("endpoint"); // {port}: the fake server's, {pw}: the marker
    QTest::addColumn<QByteArray>("serverReply"); // empty: a server that never answers
    QTest::addColumn<Kind>("kind");

    QTest::newRow("refused") << u"redis://:{pw}@127.0.0.1:{port}"_s << QByteArray()
                             << Kind::Refused;
    QTest::newRow("unresolvable") << u"redis://:{pw}@qd-no-such-host.invalid:6379"_s << QByteArray()
                                  << Kind::Resolve;
    QTest::newRow("silent server")
        << u"redis://:{pw}@127.0.0.1:{port}"_s << QByteArray() << Kind::Timeout;
    QTest::newRow("not RESP") << u"127.0.0.1:{port}"_s << "HTTP/1.1 400 Bad Request\r\n"_ba
                              << Kind::Protocol;
    QTest::newRow("closes at once") << u"127.0.0.1:{port}"_s << "+"_ba << Kind::Io;
}

void TestRedisErrors::realFailuresAreClassified()
{
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, serverReply);
    QFETCH(Kind, kind);

    std::optional<FakeServer> server;
    quint16 port = 0;
    if (kind == Kind::Refused) {
        port = FakeServer().port(); // closed again when the temporary goes
    } else {
        server.emplace(serverReply);
        port = server->port();
    }
    QVERIFY(port != 0);
    endpoint.replace(u"{port}"_s, QString::number(port));
    endpoint.replace(u"{pw}"_s, QString::fromUtf8(QUrl::toPercentEncoding(kMarker)));
    const ClusterConfig config = withMarkerPassword(endpoint);
    const std::unique_ptr<RedisClient> client = RedisClient::create(config, 300ms);
    QElapsedTimer timer;
    timer.start();
    try {
        client->command({"PING"});
        QFAIL("the command should have failed");
    } catch (const ConnectionError& error) {
        QCOMPARE(ConnectionError::kindName(error.kind()), ConnectionError::kindName(kind));
        QVERIFY2(error.message().startsWith(u"cluster \"prod-eu\" ("_s), error.what());
        QVERIFY2(!error.message().contains(kMarker), error.what());
        QVERIFY2(!error.message().contains(QString::fromLatin1(QUrl::toPercentEncoding(kMarker))),
            error.what());
    }
    QVERIFY2(timer.elapsed() < 5000, "a failure must not take much longer than the timeout");
}

void TestRedisErrors::badConfigurationIsAConfigError_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("bad port") << u"redis://:pw@h:99999"_s << int(ClusterMode::Standalone)
                              << u"invalid address: port 99999 is out of range (1-65535)"_s;
    QTest::newRow("empty") << QString() << int(ClusterMode::Standalone)
                           << u"no endpoint is configured"_s;
    QTest::newRow("sentinel without master") << u"127.0.0.1:26379"_s << int(ClusterMode::Sentinel)
                                             << u"Sentinel mode needs the master's name"_s;
}

void TestRedisErrors::badConfigurationIsAConfigError()
{
    QFETCH(QString, endpoint);
    QFETCH(int, mode);
    QFETCH(QString, reason);
    ClusterConfig config = withMarkerPassword(endpoint);
    config.mode = ClusterMode(mode);
    try {
        RedisClient::create(config, 1s);
        QFAIL("create() should have refused the configuration");
    } catch (const ConnectionError& error) {
        QCOMPARE(error.kind(), Kind::Config);
        QCOMPARE(error.reason(), reason);
        QVERIFY(!error.message().contains(kMarker));
    }
}

QTEST_APPLESS_MAIN(TestRedisErrors)
#include "TestRedisErrors.moc"
