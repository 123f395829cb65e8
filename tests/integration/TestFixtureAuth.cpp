// The fixture's authentication set-ups: requirepass, an extra ACL user, ACL-only servers.

#include "support/RedisCli.h"
#include "support/RedisServer.h"
#include "support/RespProbe.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::test::RedisCli;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;
using qd::test::RespProbe;

namespace {

RespProbe::Options credentials(const QString& user, const QString& password)
{
    RespProbe::Options options;
    options.user = user;
    options.password = password;
    return options;
}

} // namespace

class TestFixtureAuth final : public QObject {
    Q_OBJECT

private slots:
    void requirePass();
    void aclUser();
    void aclOnlyDisablesDefaultUser();
};

void TestFixtureAuth::requirePass()
{
    RedisServerOptions options;
    options.password = u"s3cret \"quoted\""_s; // survives redis.conf quoting
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY2(server, qPrintable(error));

    QVERIFY(RespProbe::ping(server->host(), server->port(), {}).startsWith("-NOAUTH"));
    const auto anonymous
        = RedisCli::run(server->cliConnectionArgs(false) + QStringList {u"GET"_s, u"k"_s});
    QVERIFY2(anonymous.out.startsWith("NOAUTH"), anonymous.out.constData());

    QCOMPARE(RespProbe::ping(server->host(), server->port(), credentials({}, options.password)),
        QByteArrayLiteral("+PONG"));
    QVERIFY(RespProbe::ping(server->host(), server->port(), credentials({}, u"wrong"_s))
                .startsWith("-WRONGPASS"));
    QCOMPARE(server->cli({u"SET"_s, u"k"_s, u"v"_s}), QByteArrayLiteral("OK"));
    QCOMPARE(server->cli({u"GET"_s, u"k"_s}), QByteArrayLiteral("v"));
}

void TestFixtureAuth::aclUser()
{
    RedisServerOptions options;
    options.password = u"default-pass"_s;
    options.aclUser = u"queuedeck"_s;
    options.aclPassword = u"acl-pass"_s;
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY2(server, qPrintable(error));

    QCOMPARE(
        RespProbe::ping(server->host(), server->port(), credentials(u"queuedeck"_s, u"acl-pass"_s)),
        QByteArrayLiteral("+PONG"));
    QVERIFY(RespProbe::ping(server->host(), server->port(), credentials(u"queuedeck"_s, u"nope"_s))
                .startsWith("-WRONGPASS"));
    // The default user still works with requirepass when aclOnly is off.
    QCOMPARE(RespProbe::ping(server->host(), server->port(), credentials({}, u"default-pass"_s)),
        QByteArrayLiteral("+PONG"));
    QCOMPARE(server->cli({u"ACL"_s, u"WHOAMI"_s}), QByteArrayLiteral("queuedeck"));
    QCOMPARE(server->cli({u"SET"_s, u"k"_s, u"v"_s}), QByteArrayLiteral("OK"));
}

void TestFixtureAuth::aclOnlyDisablesDefaultUser()
{
    RedisServerOptions options;
    options.aclUser = u"ops"_s;
    options.aclPassword = u"ops-pass"_s;
    options.aclOnly = true;
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY2(server, qPrintable(error));

    QVERIFY(RespProbe::ping(server->host(), server->port(), {}).startsWith("-NOAUTH"));
    QVERIFY(RespProbe::ping(server->host(), server->port(), credentials(u"default"_s, u"x"_s))
                .startsWith("-WRONGPASS"));
    QCOMPARE(RespProbe::ping(server->host(), server->port(), credentials(u"ops"_s, u"ops-pass"_s)),
        QByteArrayLiteral("+PONG"));
    QCOMPARE(server->cli({u"ACL"_s, u"WHOAMI"_s}), QByteArrayLiteral("ops"));
}

QTEST_GUILESS_MAIN(TestFixtureAuth)
#include "TestFixtureAuth.moc"
