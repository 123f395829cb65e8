// queuedeck-server on SIGHUP: applies the edited config file without writing it back, and keeps
// the running configuration when the new file has errors. Black-box: the server runs as a
// process and the test reads its JSON log.

#include "support/RedisServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// Clusters whose endpoint is a loopback port nobody listens on: polls fail fast, and the
// reload logic does not care whether a cluster is reachable.
QByteArray clusterJson(const char* name, const char* label, quint16 port)
{
    return QByteArrayLiteral(R"({"name": ")") + name + R"(", "label": ")" + label
        + R"(", "color": "green", "endpoint": "127.0.0.1:)" + QByteArray::number(port) + "\"}";
}

QByteArray configJson(const QList<QByteArray>& clusters, const char* interval = "5s")
{
    return QByteArrayLiteral(R"({"clusters": [)") + clusters.join(", ")
        + R"(], "polling": {"interval": ")" + interval + R"(", "jitter": "1s", "timeout": "3s"}})";
}

class ServerProcess final {
public:
    explicit ServerProcess(const QString& dir) : m_dir(dir) { }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString configPath() const { return m_dir + QStringLiteral("/config.json"); }

    bool writeConfig(const QByteArray& json)
    {
        QFile file(configPath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        m_written = json;
        return file.write(json) == json.size();
    }
    // The reload must never save: the file is byte for byte what the test wrote last.
    bool fileUntouched() const
    {
        QFile file(configPath());
        return file.open(QIODevice::ReadOnly) && file.readAll() == m_written;
    }

    bool start()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The audit log and a generated API token go to the scratch folder, not the home.
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir + QStringLiteral("/config"));
        m_process.setProcessEnvironment(env);
        const QString listen = QStringLiteral("127.0.0.1:%1").arg(qd::test::freeLoopbackPort());
        // --verbose for the reloader's start-up line: SIGHUP before it would kill the process.
        m_process.start(qEnvironmentVariable("QD_SERVER_BIN"),
            {QStringLiteral("--config"), configPath(), QStringLiteral("--listen"), listen,
                QStringLiteral("--verbose")});
        return m_process.waitForStarted() && waitForLog("config reload: SIGHUP re-reads");
    }

    // Reads the log until it holds needle (after the given offset) or the time is up.
    bool waitForLog(const QByteArray& needle, qsizetype from = 0, int timeoutMs = 15000)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_log.indexOf(needle, from) < 0) {
            if (timer.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
            m_log += m_process.readAllStandardError();
        }
        return true;
    }

    // Sends SIGHUP and waits for the reload to finish, either way; returns where its log starts.
    qsizetype reload(const QByteArray& expectedEnd)
    {
        const qsizetype from = m_log.size();
        ::kill(static_cast<pid_t>(m_process.processId()), SIGHUP);
        return waitForLog(expectedEnd, from) ? from : -1;
    }

    bool stop()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
        return m_process.waitForFinished(10000) && m_process.exitStatus() == QProcess::NormalExit
            && m_process.exitCode() == 0;
    }

    const QByteArray& log() const { return m_log; }
    bool logHas(const QByteArray& needle, qsizetype from) const
    {
        return m_log.indexOf(needle, from) >= 0;
    }

private:
    QString m_dir;
    QProcess m_process;
    QByteArray m_log;
    QByteArray m_written;
};

} // namespace

class TestConfigReload final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    quint16 m_deadPort = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(qEnvironmentVariableIsSet("QD_SERVER_BIN"));
        m_deadPort = qd::test::freeLoopbackPort();
    }

    void addsChangesAndRemovesClusters()
    {
        ServerProcess server(m_dir.filePath(QStringLiteral("apply")));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("apply"))));
        QVERIFY(server.writeConfig(configJson({clusterJson("alpha", "Alpha", m_deadPort)})));
        QVERIFY2(server.start(), server.log().constData());

        QVERIFY(server.writeConfig(configJson({clusterJson("alpha", "Alpha two", m_deadPort),
            clusterJson("beta", "Beta", m_deadPort)})));
        qsizetype from = server.reload("config reload: done, 2 cluster(s)");
        QVERIFY2(from >= 0, server.log().constData());
        QVERIFY2(server.logHas("cluster beta added", from), server.log().constData());
        QVERIFY2(server.logHas("cluster alpha changed (label)", from), server.log().constData());
        QVERIFY(server.fileUntouched());

        QVERIFY(server.writeConfig(configJson({clusterJson("beta", "Beta", m_deadPort)}, "10s")));
        from = server.reload("config reload: done, 1 cluster(s)");
        QVERIFY2(from >= 0, server.log().constData());
        QVERIFY2(server.logHas("cluster alpha removed", from), server.log().constData());
        QVERIFY2(server.logHas("polling changed in the file; applied at the next restart", from),
            server.log().constData());
        QVERIFY2(!server.logHas("cluster beta changed", from), server.log().constData());
        QVERIFY(server.fileUntouched());

        QVERIFY2(server.stop(), server.log().constData());
    }

    void fileWithErrorsKeepsTheRunningConfiguration()
    {
        ServerProcess server(m_dir.filePath(QStringLiteral("errors")));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("errors"))));
        QVERIFY(server.writeConfig(configJson({clusterJson("alpha", "Alpha", m_deadPort)})));
        QVERIFY2(server.start(), server.log().constData());

        QByteArray broken = configJson(
            {clusterJson("alpha", "Alpha", m_deadPort), clusterJson("gamma", "Gamma", m_deadPort)});
        broken.replace(R"("color": "green")", R"("color": "grene")");
        QVERIFY(server.writeConfig(broken));
        qsizetype from = server.reload("has errors; keeping the running configuration");
        QVERIFY2(from >= 0, server.log().constData());
        QVERIFY2(server.logHas("clusters[0].color", from), server.log().constData());
        QVERIFY2(!server.logHas("cluster gamma added", from), server.log().constData());
        QVERIFY(server.fileUntouched());

        // Fixed: the next reload applies it, so the failed one left nothing stuck.
        QVERIFY(server.writeConfig(configJson({clusterJson("alpha", "Alpha", m_deadPort),
            clusterJson("gamma", "Gamma", m_deadPort)})));
        from = server.reload("config reload: done, 2 cluster(s)");
        QVERIFY2(from >= 0, server.log().constData());
        QVERIFY2(server.logHas("cluster gamma added", from), server.log().constData());
        QVERIFY2(!server.logHas("cluster alpha changed", from), server.log().constData());
        QVERIFY(server.fileUntouched());

        QVERIFY2(server.stop(), server.log().constData());
    }
};

QTEST_GUILESS_MAIN(TestConfigReload)
#include "TestConfigReload.moc"
