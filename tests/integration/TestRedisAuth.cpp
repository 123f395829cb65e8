// AUTH against a server with requirepass and an ACL user: right and wrong passwords, ACL
// users, the password from an environment variable, and no password leaking into messages.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "support/RedisServer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::redis::ConnectionError;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::redis::Severity;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;

class TestRedisAuth final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void authenticates_data();
    void authenticates();
    void cleanupTestCase();

private:
    std::unique_ptr<RedisServer> m_server;
};

namespace {

const QString kDefaultPassword = u"default-Pw-1"_s;
const QString kOpsPassword = u"ops-Pw-2"_s;
const QString kWrongPassword = u"WRONG-marker-pw"_s;
const char* const kPasswordVariable = "QD_TEST_REDIS_PASSWORD";

} // namespace

void TestRedisAuth::initTestCase()
{
    RedisServerOptions options;
    options.password = kDefaultPassword;
    options.aclUser = u"ops"_s;
    options.aclPassword = kOpsPassword;
    QString error;
    m_server = RedisServer::start(options, &error);
    QVERIFY2(m_server, qPrintable(error));
    qputenv(kPasswordVariable, kOpsPassword.toUtf8());
}

void TestRedisAuth::authenticates_data()
{
    QTest::addColumn<QString>("endpoint"); // "{ep}" stands for host:port
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("passwordEnv");
    QTest::addColumn<QString>("whoami"); // empty: authentication must fail
    const QString ep = u"{ep}"_s;
    const QString none;

    QTest::newRow("requirepass") << ep << none << kDefaultPassword << none << u"default"_s;
    QTest::newRow("requirepass wrong") << ep << none << kWrongPassword << none << none;
    QTest::newRow("no password") << ep << none << none << none << none;
    QTest::newRow("ACL user") << ep << u"ops"_s << kOpsPassword << none << u"ops"_s;
    QTest::newRow("ACL user wrong password") << ep << u"ops"_s << kWrongPassword << none << none;
    QTest::newRow("ACL unknown user") << ep << u"nobody"_s << kOpsPassword << none << none;
    QTest::newRow("ACL user in URL")
        << u"redis://ops:"_s + kOpsPassword + u"@{ep}"_s << none << none << none << u"ops"_s;
    QTest::newRow("wrong password in URL")
        << u"redis://ops:"_s + kWrongPassword + u"@{ep}"_s << none << none << none << none;
    QTest::newRow("password_env") << ep << u"ops"_s << kWrongPassword
                                  << QString::fromLatin1(kPasswordVariable) << u"ops"_s;
}

void TestRedisAuth::authenticates()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, passwordEnv);
    QFETCH(QString, whoami);

    ClusterConfig config;
    config.name = u"auth"_s;
    config.endpoint = endpoint.replace(u"{ep}"_s, m_server->endpoint());
    config.username = username;
    config.password = password;
    config.passwordEnv = passwordEnv;
    const auto redis = RedisClient::create(config, 2s);
    try {
        const Reply reply = redis->command({"ACL", "WHOAMI"});
        QVERIFY2(!whoami.isEmpty(), "authentication should have failed");
        QCOMPARE(reply.toString(), whoami);
    } catch (const ConnectionError& error) {
        QVERIFY2(whoami.isEmpty(), error.what());
        QCOMPARE(error.kind(), ConnectionError::Kind::Auth);
        QCOMPARE(error.severity(), Severity::Error);
        QVERIFY2(error.message().contains(m_server->endpoint()), error.what());
        for (const QString& secret : {kWrongPassword, kOpsPassword, kDefaultPassword})
            QVERIFY2(!error.message().contains(secret), error.what());
    }
}

void TestRedisAuth::cleanupTestCase()
{
    qunsetenv(kPasswordVariable);
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestRedisAuth)
#include "TestRedisAuth.moc"
