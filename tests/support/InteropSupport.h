#pragma once

#include "core/actions/ActionRunner.h"
#include "core/config/ClusterConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <chrono>
#include <functional>

namespace qd::redis {
class RedisClient;
}

namespace qd::test {

// A queue system's own worker, run by an interop test: started with the rig's environment,
// ready once `ready` says so (from what it printed, or from the server's state), stopped with
// SIGTERM so it can give back what it holds, killed if it does not go within `grace`. It dies
// with the test whatever happens (ChildProcess::tieToTestProcess).
class WorkerProcess {
public:
    using Ready = std::function<bool(const QByteArray& log)>;

    WorkerProcess() = default;
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;
    ~WorkerProcess() { stop(); }

    // False (with the worker's output as a warning) when it exits or is not ready in time.
    bool start(const QString& program, const QStringList& arguments, const QProcessEnvironment& env,
        const Ready& ready, std::chrono::milliseconds within = std::chrono::seconds(20));
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    const QByteArray& log() const { return m_log; }

private:
    QProcess m_process;
    QByteArray m_log;
};

// Runs one action type's runner for `system` against one cluster, as the engine's pool would
// (30 s deadline, never cancelled); an empty result when the system has no runner for it.
TargetResult runTargetAction(QueueSystemType system, const ClusterConfig& config,
    redis::RedisClient& client, const QString& type, const QJsonObject& parameters = {});

} // namespace qd::test
