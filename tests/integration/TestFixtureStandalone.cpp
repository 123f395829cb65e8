// The RedisServer fixture itself: start, stop, restart on the same port, freeze and thaw.

#include "support/ChildProcess.h"
#include "support/RedisCli.h"
#include "support/RedisServer.h"
#include "support/RespProbe.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using qd::test::RedisServer;
using qd::test::RedisServerOptions;
using qd::test::RespProbe;
using qd::test::ChildProcess::isGone;

namespace {

bool portIsFree(quint16 port)
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, port);
}

} // namespace

class TestFixtureStandalone final : public QObject {
    Q_OBJECT

private slots:
    void freePortIsBindable();
    void startsAnswersAndStops();
    void unixSocket();
    void restartKeepsPortAndDir();
    void restartWithNewPassword();
    void restartOnTakenPortFails();
    void freezeAndThaw();
    void badConfigFailsWithLog();
};

void TestFixtureStandalone::freePortIsBindable()
{
    const quint16 port = qd::test::freeLoopbackPort();
    QVERIFY(port > 0);
    QVERIFY(portIsFree(port));
}

void TestFixtureStandalone::startsAnswersAndStops()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    QVERIFY2(server, qPrintable(error));
    QCOMPARE(server->host(), u"127.0.0.1"_s);
    QCOMPARE(server->endpoint(), u"127.0.0.1:%1"_s.arg(server->port()));
    QVERIFY(server->isRunning());
    QVERIFY(server->pid() > 0);
    QCOMPARE(server->cli({u"PING"_s}), QByteArrayLiteral("PONG"));
    QCOMPARE(server->cli({u"SET"_s, u"k"_s, u"v"_s}), QByteArrayLiteral("OK"));
    QCOMPARE(server->cli({u"GET"_s, u"k"_s}), QByteArrayLiteral("v"));
    QCOMPARE(server->cli({u"CONFIG"_s, u"GET"_s, u"save"_s}), QByteArrayLiteral("save"));
    QCOMPARE(RespProbe::ping(server->host(), server->port(), {}), QByteArrayLiteral("+PONG"));

    const qint64 pid = server->pid();
    const quint16 port = server->port();
    const QString dir = server->dir();
    server->stop();
    QVERIFY(!server->isRunning());
    QCOMPARE(server->pid(), 0);
    QVERIFY(isGone(pid));
    QVERIFY(portIsFree(port));
    server->stop(); // twice is harmless

    server.reset();
    if (!qEnvironmentVariableIsSet("QD_KEEP_REDIS_DIRS"))
        QVERIFY(!QFileInfo::exists(dir));
}

void TestFixtureStandalone::unixSocket()
{
    RedisServerOptions options;
    options.unixSocket = true;
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY2(server, qPrintable(error));
    QVERIFY(server->unixSocketPath().startsWith(server->dir()));
    QVERIFY(QFileInfo::exists(server->unixSocketPath()));
    const auto result = qd::test::RedisCli::run({u"-s"_s, server->unixSocketPath(), u"PING"_s});
    QCOMPARE(result.out, QByteArrayLiteral("PONG"));
}

void TestFixtureStandalone::restartKeepsPortAndDir()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    QVERIFY2(server, qPrintable(error));
    const quint16 port = server->port();
    const QString dir = server->dir();
    const qint64 firstPid = server->pid();

    QVERIFY2(server->restart(), qPrintable(server->lastError()));
    QCOMPARE(server->port(), port);
    QCOMPARE(server->dir(), dir);
    QVERIFY(server->pid() != firstPid);
    QVERIFY(isGone(firstPid));
    QCOMPARE(server->cli({u"PING"_s}), QByteArrayLiteral("PONG"));
}

void TestFixtureStandalone::restartWithNewPassword()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    QVERIFY2(server, qPrintable(error));
    const quint16 port = server->port();

    RedisServerOptions changed = server->options();
    changed.password = u"new secret"_s; // a space: proves the config quoting
    QVERIFY2(server->restart(changed), qPrintable(server->lastError()));
    QCOMPARE(server->port(), port);
    QCOMPARE(server->cli({u"PING"_s}), QByteArrayLiteral("PONG"));
    const auto wrong = qd::test::RedisCli::run(server->cliConnectionArgs(false)
        + QStringList {u"--no-auth-warning"_s, u"-a"_s, u"wrong"_s, u"PING"_s});
    QVERIFY2(wrong.err.contains("WRONGPASS"), wrong.err.constData());
    QVERIFY2(wrong.out.startsWith("NOAUTH"), wrong.out.constData());
}

void TestFixtureStandalone::restartOnTakenPortFails()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    QVERIFY2(server, qPrintable(error));
    server->stop();
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, server->port()));

    QVERIFY(!server->restart());
    QVERIFY(!server->isRunning());
    QVERIFY2(
        server->lastError().contains(u"Address already in use"_s), qPrintable(server->lastError()));
}

void TestFixtureStandalone::freezeAndThaw()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    QVERIFY2(server, qPrintable(error));

    server->freeze();
    RespProbe::Options quick;
    quick.timeoutMs = 300;
    QString probeError;
    // The kernel still accepts connections for a stopped process, but nobody answers.
    QVERIFY(RespProbe::ping(server->host(), server->port(), quick, &probeError).isEmpty());
    QVERIFY(!probeError.isEmpty());
    QVERIFY(server->isRunning());

    server->thaw();
    QCOMPARE(RespProbe::ping(server->host(), server->port(), quick), QByteArrayLiteral("+PONG"));

    // Stopping a frozen server must not hang on a SIGTERM the stopped process cannot handle.
    server->freeze();
    const qint64 pid = server->pid();
    QElapsedTimer timer;
    timer.start();
    server->stop();
    QVERIFY(isGone(pid));
    QVERIFY(timer.elapsed() < 3000);
}

void TestFixtureStandalone::badConfigFailsWithLog()
{
    RedisServerOptions options;
    options.extraConfig << u"no-such-directive yes"_s;
    QString error;
    auto server = RedisServer::start(options, &error);
    QVERIFY(!server);
    QVERIFY2(error.contains(u"no-such-directive"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestFixtureStandalone)
#include "TestFixtureStandalone.moc"
