#pragma once

#include "support/RedisServer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace qd::test {

// The interop rig of tests/interop/sidekiq for C++ tests: a throwaway redis-server, a real
// Sidekiq worker (run-sidekiq.sh exec, tied to the test process so it dies with it), and the
// rig's Ruby producer, oracle and checker. Everything started is stopped by the destructor.
// Use from the test's main thread.
class SidekiqRig final {
public:
    struct Options {
        QString ns; // redis-namespace prefix, without ':'
        int concurrency = 4;
        QStringList queues; // empty: the rig's default order
    };

    // Starts Redis and the worker and waits until the worker has registered. Null and *error
    // (with the logs' tails) on failure.
    static std::unique_ptr<SidekiqRig> start(const Options& options, QString* error);
    ~SidekiqRig();
    SidekiqRig(const SidekiqRig&) = delete;
    SidekiqRig& operator=(const SidekiqRig&) = delete;

    RedisServer& redis() { return *m_redis; }
    const QString& ns() const { return m_options.ns; }
    QByteArray prefix() const; // "<ns>:" or empty
    QString redisUrl() const;
    QString identity() const { return m_identity; }
    qint64 workerPid() const { return m_workerPid; }
    bool workerRunning() const;

    // ruby producer.rb args; its JSON, kept for waitForPhase().
    QJsonObject produce(const QStringList& args, QString* error);
    // ruby oracle.rb: what Sidekiq's own API reports now.
    QJsonObject oracle(QString* error);
    // Polls the oracle until check.rb agrees with the producer's workload for phase (see
    // check.rb), for at most seconds; *report holds the last disagreement on failure.
    bool waitForPhase(const QString& phase, int seconds, QString* report);
    // SIGTERM to the worker and wait until it has exited (Sidekiq requeues running jobs).
    bool stopWorker(int timeoutMs = 20000);
    // Waits for the worker to exit by itself (after a TERM through its signals list).
    bool waitForWorkerExit(int timeoutMs);
    // redis-cli against the rig's Redis; keys are given with the prefix by the caller.
    QByteArray cli(const QStringList& args) const;
    QString workerLogTail(int lines = 30) const;

    static QString rigDir(); // tests/interop/sidekiq in the source tree

private:
    SidekiqRig() = default;
    // ruby <script> args with the rig's environment; stdout, or empty and *error.
    QByteArray runRuby(const QString& script, const QStringList& args, QString* error,
        int timeoutMs = 30000) const;

    Options m_options;
    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_worker;
    qint64 m_workerPid = 0;
    QString m_identity;
    QByteArray m_producerJson;
};

} // namespace qd::test
