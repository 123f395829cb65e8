#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

class QTemporaryDir;

namespace qd::test {

// One real queuedeck-server process ($QD_SERVER_BIN) owned by a test. Its output is collected
// so tests can grep logs; the destructor kills it if it still runs, and it dies with the test
// process (ChildProcess::tieToTestProcess).
class ServerProcess final {
public:
    // Starts at once; XDG_DATA_HOME points at dataHome so a generated token stays there.
    ServerProcess(const QString& configPath, const QString& listen, const QString& dataHome,
        const QProcessEnvironment& extraEnv = {}, const QStringList& extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    static QString binary(); // $QD_SERVER_BIN

    // The port from the "API listening on http://…" line; 0 when the process ended first.
    quint16 waitForPort(int timeoutMs = 15000);
    // Exit code after the process ends by itself; -1 on timeout or a crash.
    int waitForExit(int timeoutMs = 10000);
    void signal(int number);
    // SIGKILL, then waits until the process is reaped.
    void killHard();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    QString errorString() const { return m_process.errorString(); }
    const QByteArray& out();
    const QByteArray& err();

private:
    void read();

    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

// Building blocks of a server config file.
QJsonObject serverCluster(
    const QString& name, const QString& endpoint, const QString& password = {});
// Polls every 300 ms, audit log in dir, the given api block.
QJsonObject serverConfig(const QJsonArray& clusters, const QJsonObject& api, const QString& dir);
// Writes the document to dir/name and returns the path.
QString writeServerConfig(const QString& dir, const QJsonObject& config,
    const QString& name = QStringLiteral("config.json"));

} // namespace qd::test
