#include "interop/sidekiq/SidekiqRig.h"

#include "support/ChildProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

namespace qd::test {

namespace {

QString tail(const QString& path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    return all.mid(qMax(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace

QString SidekiqRig::rigDir()
{
    return qEnvironmentVariable("QD_SOURCE_DIR") + QStringLiteral("/tests/interop/sidekiq");
}

std::unique_ptr<SidekiqRig> SidekiqRig::start(const Options& options, QString* error)
{
    for (const char* tool : {"ruby", "sidekiq", "bash"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
            *error = QStringLiteral("%1 is not installed: run scripts/setup")
                         .arg(QString::fromLatin1(tool));
            return nullptr;
        }
    std::unique_ptr<SidekiqRig> rig(new SidekiqRig);
    rig->m_options = options;
    rig->m_dir = std::make_unique<QTemporaryDir>();
    rig->m_redis = RedisServer::start({}, error);
    if (!rig->m_redis)
        return nullptr;

    QStringList args {rigDir() + QStringLiteral("/run-sidekiq.sh"), QStringLiteral("exec"),
        QStringLiteral("--redis-url"), rig->redisUrl(), QStringLiteral("-c"),
        QString::number(options.concurrency), QStringLiteral("-t"), QStringLiteral("1")};
    if (!options.ns.isEmpty())
        args << QStringLiteral("--namespace") << options.ns;
    for (const QString& queue : options.queues)
        args << QStringLiteral("-q") << queue;
    rig->m_worker = std::make_unique<QProcess>();
    rig->m_worker->setProgram(QStringLiteral("bash"));
    rig->m_worker->setArguments(args);
    rig->m_worker->setStandardOutputFile(rig->m_dir->filePath(QStringLiteral("sidekiq.log")));
    rig->m_worker->setProcessChannelMode(QProcess::MergedChannels);
    ChildProcess::tieToTestProcess(*rig->m_worker);
    rig->m_worker->start();
    if (!rig->m_worker->waitForStarted(10000)) {
        *error = QStringLiteral("the worker did not start: ") + rig->m_worker->errorString();
        return nullptr;
    }
    rig->m_workerPid = rig->m_worker->processId();
    const QByteArray identity = rig->runRuby(QString(),
        {rigDir() + QStringLiteral("/run-sidekiq.sh"), QStringLiteral("wait"),
            QStringLiteral("--pid"), QString::number(rig->m_workerPid), QStringLiteral("--timeout"),
            QStringLiteral("40")},
        error, 45000);
    if (identity.isEmpty()) {
        *error += QStringLiteral("\n--- sidekiq log ---\n") + rig->workerLogTail();
        return nullptr;
    }
    rig->m_identity = QString::fromUtf8(identity).trimmed();
    return rig;
}

SidekiqRig::~SidekiqRig()
{
    if (m_worker && m_worker->state() != QProcess::NotRunning) {
        m_worker->kill();
        m_worker->waitForFinished(5000);
    }
}

QByteArray SidekiqRig::prefix() const
{
    return m_options.ns.isEmpty() ? QByteArray() : m_options.ns.toUtf8() + ':';
}

QString SidekiqRig::redisUrl() const
{
    return QStringLiteral("redis://%1/0").arg(m_redis->endpoint());
}

bool SidekiqRig::workerRunning() const
{
    return m_worker && m_worker->state() != QProcess::NotRunning;
}

QByteArray SidekiqRig::runRuby(
    const QString& script, const QStringList& args, QString* error, int timeoutMs) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REDIS_URL"), redisUrl());
    env.insert(QStringLiteral("QD_SIDEKIQ_NAMESPACE"), m_options.ns);
    process.setProcessEnvironment(env);
    ChildProcess::tieToTestProcess(process);
    // An empty script runs args as a bash command line (the launcher's wait mode).
    if (script.isEmpty())
        process.start(QStringLiteral("bash"), args);
    else
        process.start(
            QStringLiteral("ruby"), QStringList {rigDir() + QLatin1Char('/') + script} + args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        *error = QStringLiteral("%1 did not finish in %2 ms").arg(script).arg(timeoutMs);
        return {};
    }
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error
            = QStringLiteral("%1 failed (%2): %3%4")
                  .arg(script.isEmpty() ? args.value(0) : script)
                  .arg(process.exitCode())
                  .arg(QString::fromUtf8(process.readAllStandardError()), QString::fromUtf8(out));
        return {};
    }
    return out;
}

QJsonObject SidekiqRig::produce(const QStringList& args, QString* error)
{
    const QByteArray out = runRuby(QStringLiteral("producer.rb"), args, error);
    m_producerJson = out;
    QFile file(m_dir->filePath(QStringLiteral("producer.json")));
    if (file.open(QIODevice::WriteOnly))
        file.write(out);
    return QJsonDocument::fromJson(out).object();
}

QJsonObject SidekiqRig::oracle(QString* error)
{
    return QJsonDocument::fromJson(runRuby(QStringLiteral("oracle.rb"), {}, error)).object();
}

bool SidekiqRig::waitForPhase(const QString& phase, int seconds, QString* report)
{
    const QString oracleFile = m_dir->filePath(QStringLiteral("oracle.json"));
    QDeadlineTimer deadline(seconds * 1000);
    while (true) {
        QString error;
        const QByteArray snapshot = runRuby(QStringLiteral("oracle.rb"), {}, &error);
        if (snapshot.isEmpty()) {
            *report = error;
            return false;
        }
        QFile file(oracleFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        file.write(snapshot);
        file.close();
        runRuby(QStringLiteral("check.rb"),
            {phase, oracleFile, m_dir->filePath(QStringLiteral("producer.json")),
                QStringLiteral("pid=%1").arg(m_workerPid)},
            &error);
        if (error.isEmpty())
            return true;
        *report = error;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(500);
    }
}

bool SidekiqRig::stopWorker(int timeoutMs)
{
    if (!workerRunning())
        return true;
    ::kill(static_cast<pid_t>(m_workerPid), SIGTERM);
    return m_worker->waitForFinished(timeoutMs);
}

bool SidekiqRig::waitForWorkerExit(int timeoutMs)
{
    return !workerRunning() || m_worker->waitForFinished(timeoutMs);
}

QByteArray SidekiqRig::cli(const QStringList& args) const
{
    return m_redis->cli(args);
}

QString SidekiqRig::workerLogTail(int lines) const
{
    return tail(m_dir->filePath(QStringLiteral("sidekiq.log")), lines);
}

} // namespace qd::test
