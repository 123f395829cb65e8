// A test process that dies without running any destructor (SIGKILL) must still take its
// redis-server processes with it: the fixture's PR_SET_PDEATHSIG is what this proves. The test
// re-runs its own binary as a helper that starts a server, then kills the helper.

#include "support/ChildProcess.h"
#include "support/RedisServer.h"
#include "support/RespProbe.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/wait.h>

using namespace Qt::StringLiterals;
using qd::test::RedisServer;
using qd::test::RespProbe;
namespace ChildProcess = qd::test::ChildProcess;

namespace {

constexpr char HelperVariable[] = "QD_FIXTURE_CLEANUP_HELPER";

// The helper: start a server, tell the parent where it is, then wait to be killed. The sleep
// is bounded so a helper whose parent vanished cannot linger (PDEATHSIG covers it too).
int runHelper()
{
    QString error;
    auto server = RedisServer::start({}, &error);
    if (!server) {
        std::fprintf(stderr, "helper: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("server %lld %u %s\n", static_cast<long long>(server->pid()),
        static_cast<unsigned>(server->port()), qPrintable(server->dir()));
    std::fflush(stdout);
    QThread::sleep(60);
    return 2;
}

// The orphaned server is re-parented to us (see main), so we reap it and then it is really
// gone: a zombie would otherwise outlive the test when PID 1 does not reap, as here.
bool reaped(qint64 pid)
{
    const auto id = static_cast<pid_t>(pid);
    return ::waitpid(id, nullptr, WNOHANG) == id || (::kill(id, 0) != 0 && errno == ESRCH);
}

} // namespace

class TestFixtureCleanup final : public QObject {
    Q_OBJECT

private slots:
    void killedTestProcessTakesItsServersDown();
};

void TestFixtureCleanup::killedTestProcessTakesItsServersDown()
{
    QProcess helper;
    ChildProcess::tieToTestProcess(helper);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(HelperVariable), u"1"_s);
    helper.setProcessEnvironment(env);
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(helper.waitForStarted(), qPrintable(helper.errorString()));

    QTRY_VERIFY_WITH_TIMEOUT(helper.canReadLine(), 15000);
    const QByteArray line = helper.readLine();
    QVERIFY2(line.startsWith("server "), line.constData());
    const QList<QByteArray> fields = line.trimmed().split(' ');
    QCOMPARE(fields.size(), 4);
    // The helper dies before its QTemporaryDir can remove the server's dir: we do it.
    const QString dir = QString::fromLocal8Bit(fields[3]);
    const auto removeDir = qScopeGuard([dir] { QDir(dir).removeRecursively(); });
    QVERIFY(dir.startsWith(QDir::tempPath()));
    const qint64 pid = fields[1].toLongLong();
    const auto port = static_cast<quint16>(fields[2].toUInt());
    QVERIFY(pid > 0 && port > 0);
    QVERIFY(!ChildProcess::isGone(pid));
    QCOMPARE(RespProbe::ping(u"127.0.0.1"_s, port, {}), QByteArrayLiteral("+PONG"));

    helper.kill(); // SIGKILL: no destructor, no atexit, nothing of the fixture runs
    QVERIFY(helper.waitForFinished(5000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

    QTRY_VERIFY_WITH_TIMEOUT(reaped(pid), 5000);
    RespProbe::Options quick;
    quick.timeoutMs = 500;
    QTRY_VERIFY_WITH_TIMEOUT(RespProbe::ping(u"127.0.0.1"_s, port, quick).isEmpty(), 5000);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(HelperVariable))
        return runHelper();
    // Orphans of the helper come to us instead of PID 1, so the test can reap what it killed.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    TestFixtureCleanup test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestFixtureCleanup.moc"
