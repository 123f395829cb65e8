#pragma once

// The interop tests' side of this folder's Celery rig: Debian's Celery workers and the rig's
// scripts (producer, oracles) run against a throwaway Redis, and QueueDeck set up to watch it.
#include "core/actions/ActionRunner.h"
#include "core/config/ClusterConfig.h"
#include "core/queues/celery/CeleryBackend.h"
#include "core/redis/RedisClient.h"
#include "core/stats/ClusterStats.h"
#include "support/InteropSupport.h"
#include "support/RedisServer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace qd::test::celery {

// keyPrefix: kombu's global_keyprefix for the rig's app (KEYPREFIX), empty for none.
QProcessEnvironment rigEnvironment(const RedisServer& server, const QString& keyPrefix = {});
// Runs one of the rig's scripts to completion and returns its stdout parsed as JSON; empty
// when it failed.
QJsonObject runScript(const RedisServer& server, const QString& script, const QStringList& args,
    const QString& keyPrefix = {});
// Celery's own view (oracle.py) of the given queues.
QJsonObject oracle(
    const RedisServer& server, const QStringList& queues, const QString& keyPrefix = {});
// Celery's own view once `settled` holds for it (the tasks have run, the messages are where the
// test expects them), asked again until then; nullopt after `within`, with the last view in
// `last` for the failure message.
std::optional<QJsonObject> oracleOnce(const RedisServer& server, const QStringList& queues,
    const QString& keyPrefix, const std::function<bool(const QJsonObject&)>& settled,
    QJsonObject* last, std::chrono::milliseconds within = std::chrono::seconds(60));
// Sends tasks (producer.py) and returns their ids by kind.
QJsonObject produce(
    const RedisServer& server, const QStringList& args, const QString& keyPrefix = {});

// A real `celery worker` with a threads pool, sending task events (-E).
class Worker {
public:
    bool start(const RedisServer& server, const QString& name, const QString& queues,
        int concurrency = 2, const QString& keyPrefix = {});
    // A warm shutdown: the worker gives back what it holds and says it is going offline.
    void stop();
    ~Worker() { stop(); }

private:
    WorkerProcess m_process;
};

TargetResult runAction(const ClusterConfig& config, redis::RedisClient& client, const QString& type,
    const QJsonObject& parameters = {});
ClusterConfig celeryCluster(const RedisServer& server);
std::shared_ptr<CeleryBackend> backendFor(const ClusterConfig& config);
QStringList workerIds(const ClusterStats& stats);
const QueueStat* queueNamed(const ClusterStats& stats, const QString& name);

} // namespace qd::test::celery
