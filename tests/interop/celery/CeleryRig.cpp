#include "interop/celery/CeleryRig.h"

#include "core/queues/QueueSystems.h"
#include "core/util/Clock.h"
#include "support/ChildProcess.h"
#include "support/EngineConfig.h"

#include <QJsonDocument>

using namespace std::chrono_literals;

namespace qd::test::celery {

namespace {

QString rigDir()
{
    return qEnvironmentVariable("QD_SOURCE_DIR") + QStringLiteral("/tests/interop/celery");
}

QString python()
{
    const QString configured = qEnvironmentVariable("QD_CELERY_PYTHON");
    return configured.isEmpty() ? QStringLiteral("/usr/bin/python3") : configured;
}

} // namespace

QProcessEnvironment rigEnvironment(const RedisServer& server, const QString& keyPrefix)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://%1/0").arg(server.endpoint()));
    env.insert(QStringLiteral("PYTHONPATH"), rigDir());
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    if (keyPrefix.isEmpty())
        env.remove(QStringLiteral("KEYPREFIX"));
    else
        env.insert(QStringLiteral("KEYPREFIX"), keyPrefix);
    return env;
}

QJsonObject runScript(const RedisServer& server, const QString& script, const QStringList& args,
    const QString& keyPrefix)
{
    QProcess process;
    process.setProcessEnvironment(rigEnvironment(server, keyPrefix));
    ChildProcess::tieToTestProcess(process);
    process.start(python(), QStringList {rigDir() + u'/' + script} + args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("%s %s: %s", qPrintable(script), qPrintable(args.join(u' ')),
            process.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

QJsonObject oracle(const RedisServer& server, const QStringList& queues, const QString& keyPrefix)
{
    return runScript(server, QStringLiteral("oracle.py"), queues, keyPrefix);
}

std::optional<QJsonObject> oracleOnce(const RedisServer& server, const QStringList& queues,
    const QString& keyPrefix, const std::function<bool(const QJsonObject&)>& settled,
    QJsonObject* last, std::chrono::milliseconds within)
{
    const auto until = std::chrono::steady_clock::now() + within;
    do {
        *last = oracle(server, queues, keyPrefix);
        if (settled(*last))
            return *last;
    } while (std::chrono::steady_clock::now() < until);
    return std::nullopt;
}

QJsonObject produce(const RedisServer& server, const QStringList& args, const QString& keyPrefix)
{
    return runScript(server, QStringLiteral("producer.py"), args, keyPrefix);
}

bool Worker::start(const RedisServer& server, const QString& name, const QString& queues,
    int concurrency, const QString& keyPrefix)
{
    const QByteArray ready = name.toUtf8() + " ready.";
    return m_process.start(
        python(),
        {QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"),
            QStringLiteral("rigapp"), QStringLiteral("worker"), QStringLiteral("-E"),
            QStringLiteral("-Q"), queues, QStringLiteral("-n"), name, QStringLiteral("-c"),
            QString::number(concurrency), QStringLiteral("-P"), QStringLiteral("threads"),
            QStringLiteral("--without-mingle"), QStringLiteral("--without-gossip"),
            QStringLiteral("-l"), QStringLiteral("info")},
        rigEnvironment(server, keyPrefix),
        [&ready](const QByteArray& log) { return log.contains(ready); }, 30s);
}

void Worker::stop()
{
    // A warm shutdown can take a while: the worker finishes or gives back what it holds.
    m_process.stop(20s);
}

TargetResult runAction(const ClusterConfig& config, redis::RedisClient& client, const QString& type,
    const QJsonObject& parameters)
{
    return runTargetAction(QueueSystemType::Celery, config, client, type, parameters);
}

ClusterConfig celeryCluster(const RedisServer& server)
{
    ClusterConfig config = clusterFor(QStringLiteral("celery"), server.endpoint());
    config.queueSystem.type = QueueSystemType::Celery;
    return config;
}

std::shared_ptr<CeleryBackend> backendFor(const ClusterConfig& config)
{
    return std::dynamic_pointer_cast<CeleryBackend>(
        createQueueBackend(config, redis::RedisClient::create(config, 2000ms), Clock::system()));
}

QStringList workerIds(const ClusterStats& stats)
{
    QStringList ids;
    for (const WorkerStat& worker : stats.workers)
        ids.append(worker.id);
    return ids;
}

const QueueStat* queueNamed(const ClusterStats& stats, const QString& name)
{
    for (const QueueStat& queue : stats.queues) {
        if (queue.name == name)
            return &queue;
    }
    return nullptr;
}

} // namespace qd::test::celery
