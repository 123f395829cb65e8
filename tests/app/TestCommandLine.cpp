#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& binary, const QStringList& args,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary, args);
    if (!process.waitForFinished(30000))
        qFatal("%s did not finish", qPrintable(binary));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError()};
}

QString seedConfig()
{
    return qEnvironmentVariable("QD_TEST_DATA") + QStringLiteral("/config/seed-example.json");
}

// No display of any kind: what a server without X or Wayland looks like.
// A private data folder: a headless start writes its generated API token there.
QString privateDataHome()
{
    static QTemporaryDir dir;
    return dir.path();
}

QProcessEnvironment noDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), privateDataHome());
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1StringView(name));
    return env;
}

} // namespace

class TestCommandLine final : public QObject {
    Q_OBJECT

    QStringList binaries() const
    {
        QStringList out {qEnvironmentVariable("QD_SERVER_BIN")};
        if (qEnvironmentVariableIsSet("QD_GUI_BIN"))
            out.append(qEnvironmentVariable("QD_GUI_BIN"));
        return out;
    }

private Q_SLOTS:
    void versionAndHelp()
    {
        for (const QString& binary : binaries()) {
            const Run version = run(binary, {QStringLiteral("--version")}, noDisplay());
            QCOMPARE(version.exitCode, 0);
            QVERIFY2(version.out.contains("0.1.0"), version.out.constData());
            const Run help = run(binary, {QStringLiteral("--help")}, noDisplay());
            QCOMPARE(help.exitCode, 0);
            for (const char* option : {"--config", "--listen", "--check-config"})
                QVERIFY2(help.out.contains(option), help.out.constData());
        }
        QVERIFY(run(qEnvironmentVariable("QD_SERVER_BIN"), {QStringLiteral("--help")})
                    .out.contains("--headless")
            == false);
    }

    void checkConfigAcceptsTheSeedExample()
    {
        for (const QString& binary : binaries()) {
            const Run r = run(binary,
                {QStringLiteral("--check-config"), QStringLiteral("--config"), seedConfig()},
                noDisplay());
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(r.out.contains("OK (2 cluster(s))"));
        }
    }

    void checkConfigPrintsEveryProblem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"clusters": [{"name": "a", "endpoint": "127.0.0.1:1", "color": "grene"},
                       {"name": "b", "endpoint": ""}],
                      "default_cluster": "prod",
                      "polling": {"interval": "5s", "timeout": "10s"}})");
        file.close();
        const Run r = run(qEnvironmentVariable("QD_SERVER_BIN"),
            {QStringLiteral("--check-config"), QStringLiteral("--config"), path});
        QCOMPARE(r.exitCode, 1);
        for (const char* expected : {"clusters[0].color: \"grene\" is not a colour name or #rrggbb",
                 "clusters[1].endpoint: empty", "default_cluster: \"prod\" is not a cluster",
                 "polling.timeout: must not exceed polling.interval"})
            QVERIFY2(r.err.contains(expected), r.err.constData());
    }

    void badArgumentsExitTwo()
    {
        const QString server = qEnvironmentVariable("QD_SERVER_BIN");
        QCOMPARE(run(server, {QStringLiteral("--no-such-option")}).exitCode, 2);
        QCOMPARE(run(server, {QStringLiteral("--listen"), QStringLiteral("nonsense")}).exitCode, 2);
        QCOMPARE(run(server, {QStringLiteral("stray")}).exitCode, 2);
    }

    void missingExplicitConfigIsAnError()
    {
        const Run r = run(qEnvironmentVariable("QD_SERVER_BIN"),
            {QStringLiteral("--config"), QStringLiteral("/nonexistent/queuedeck.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot read /nonexistent/queuedeck.json"), r.err.constData());
    }

    void headlessRunsWithoutDisplayAndStopsOnSigterm()
    {
        for (const QString& binary : binaries()) {
            QProcess process;
            process.setProcessEnvironment(noDisplay());
            // Port 0: any free port, so a QueueDeck already on 7420 does not fail the test.
            QStringList args {QStringLiteral("--config"), seedConfig(), QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0")};
            if (binary.endsWith(QStringLiteral("/queuedeck")))
                args.prepend(QStringLiteral("--headless"));
            process.start(binary, args);
            QVERIFY(process.waitForStarted());
            QByteArray log;
            QTRY_VERIFY2_WITH_TIMEOUT(
                (log += process.readAllStandardError()).contains("\"level\":\"info\""),
                log.constData(), 10000);
            ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(process.exitCode(), 0);
        }
    }

    void headlessLogsNeverShowThePassword()
    {
        QProcess process;
        process.setProcessEnvironment(noDisplay());
        process.start(qEnvironmentVariable("QD_SERVER_BIN"),
            {QStringLiteral("--config"), seedConfig(), QStringLiteral("--verbose"),
                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(process.waitForStarted());
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT(
            (log += process.readAllStandardError()).contains("cluster(s)"), 10000);
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        log += process.readAllStandardError();
        QVERIFY2(!log.contains("\"secret\"") && !log.contains(" secret"), log.constData());
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
