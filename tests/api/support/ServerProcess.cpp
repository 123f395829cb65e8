#include "ServerProcess.h"

#include "support/ChildProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <csignal>

namespace qd::test {

ServerProcess::ServerProcess(const QString& configPath, const QString& listen,
    const QString& dataHome, const QProcessEnvironment& extraEnv, const QStringList& extraArgs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    for (const QString& key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    m_process.setProcessEnvironment(env);
    ChildProcess::tieToTestProcess(m_process);
    m_process.start(binary(),
        QStringList {QStringLiteral("--config"), configPath, QStringLiteral("--listen"), listen}
            + extraArgs);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString ServerProcess::binary()
{
    return qEnvironmentVariable("QD_SERVER_BIN");
}

quint16 ServerProcess::waitForPort(int timeoutMs)
{
    static const QRegularExpression listening(
        QStringLiteral("API listening on http://[^ \"]+:(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        read();
        const auto match = listening.match(QString::fromUtf8(m_err));
        if (match.hasMatch())
            return static_cast<quint16>(match.captured(1).toUInt());
        if (m_process.state() == QProcess::NotRunning)
            return 0;
        m_process.waitForReadyRead(50);
    }
    return 0;
}

int ServerProcess::waitForExit(int timeoutMs)
{
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    read();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::signal(int number)
{
    if (m_process.state() != QProcess::NotRunning)
        ::kill(static_cast<pid_t>(m_process.processId()), number);
}

void ServerProcess::killHard()
{
    signal(SIGKILL);
    m_process.waitForFinished(10000);
    read();
}

const QByteArray& ServerProcess::out()
{
    read();
    return m_out;
}

const QByteArray& ServerProcess::err()
{
    read();
    return m_err;
}

void ServerProcess::read()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

QJsonObject serverCluster(const QString& name, const QString& endpoint, const QString& password)
{
    QJsonObject c {{QStringLiteral("name"), name}, {QStringLiteral("label"), name},
        {QStringLiteral("color"), QStringLiteral("green")}, {QStringLiteral("endpoint"), endpoint},
        {QStringLiteral("db"), 0}, {QStringLiteral("enabled"), true}};
    if (!password.isEmpty())
        c.insert(QStringLiteral("password"), password);
    return c;
}

QJsonObject serverConfig(const QJsonArray& clusters, const QJsonObject& api, const QString& dir)
{
    return {{QStringLiteral("clusters"), clusters},
        {QStringLiteral("polling"),
            QJsonObject {{QStringLiteral("interval"), QStringLiteral("300ms")},
                {QStringLiteral("jitter"), QStringLiteral("50ms")},
                {QStringLiteral("timeout"), QStringLiteral("250ms")}}},
        {QStringLiteral("api"), api},
        {QStringLiteral("audit"),
            QJsonObject {
                {QStringLiteral("path"), QDir(dir).filePath(QStringLiteral("audit.sqlite"))}}}};
}

QString writeServerConfig(const QString& dir, const QJsonObject& config, const QString& name)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(config).toJson());
    return path;
}

} // namespace qd::test
