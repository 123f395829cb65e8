#include "support/InteropSupport.h"

#include "support/ChildProcess.h"

#include <QElapsedTimer>

#include <atomic>

namespace qd::test {

bool WorkerProcess::start(const QString& program, const QStringList& arguments,
    const QProcessEnvironment& env, const Ready& ready, std::chrono::milliseconds within)
{
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    ChildProcess::tieToTestProcess(m_process);
    m_process.start(program, arguments);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < within.count()) {
        m_process.waitForReadyRead(200);
        m_log += m_process.readAll();
        if (ready(m_log))
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
    }
    qWarning("%s did not start: %s", qPrintable(arguments.join(u' ')), m_log.constData());
    return false;
}

void WorkerProcess::stop(std::chrono::milliseconds grace)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(int(grace.count()))) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

TargetResult runTargetAction(QueueSystemType system, const ClusterConfig& config,
    redis::RedisClient& client, const QString& type, const QJsonObject& parameters)
{
    const std::unique_ptr<ActionRunner> runner = ActionRunner::create(type, system);
    if (!runner)
        return {};
    const std::atomic<bool> cancelled {false};
    const ActionContext context {QStringLiteral("test-action"), config, client, parameters,
        cancelled, std::chrono::steady_clock::now() + std::chrono::seconds(30), {}};
    return runner->run(context);
}

} // namespace qd::test
