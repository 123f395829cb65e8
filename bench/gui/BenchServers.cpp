#include "BenchServers.h"

#include <QProcess>
#include <QTcpServer>
#include <QThread>

namespace qd::bench {
namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

BenchServers::~BenchServers()
{
    for (const auto& process : std::as_const(m_processes)) {
        process->terminate();
        if (!process->waitForFinished(5000))
            process->kill();
        process->waitForFinished(2000);
    }
}

bool BenchServers::start(int count, QString* error)
{
    for (int i = 0; i < count; ++i) {
        const quint16 port = freePort();
        auto process = std::make_shared<QProcess>();
        process->setProgram(QStringLiteral("redis-server"));
        process->setArguments({QStringLiteral("--port"), QString::number(port),
            QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--save"),
            QString(), QStringLiteral("--appendonly"), QStringLiteral("no"),
            QStringLiteral("--databases"), QStringLiteral("16")});
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start();
        if (!process->waitForStarted(5000)) {
            *error = QStringLiteral("redis-server did not start: %1").arg(process->errorString());
            return false;
        }
        m_processes.append(process);
        m_ports.append(port);
        bool ready = false;
        for (int attempt = 0; attempt < 100 && !ready; ++attempt) {
            ready = cli(i, {QStringLiteral("PING")}) == "PONG";
            if (!ready)
                QThread::msleep(50);
        }
        if (!ready) {
            *error = QStringLiteral("redis-server on port %1 does not answer").arg(port);
            return false;
        }
    }
    return true;
}

QString BenchServers::endpoint(int index) const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_ports.at(index));
}

QByteArray BenchServers::cli(int index, const QStringList& args) const
{
    QProcess process;
    process.start(QStringLiteral("redis-cli"),
        QStringList {QStringLiteral("-p"), QString::number(m_ports.at(index))} + args);
    process.waitForFinished(10000);
    return process.readAllStandardOutput().trimmed();
}

} // namespace qd::bench
