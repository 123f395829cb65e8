#pragma once

#include "core/config/ClusterConfig.h"
#include "core/redis/Command.h"
#include "core/redis/Reply.h"
#include "core/util/Duration.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace qd::redis {
class RedisClient;
}

namespace qd::loadgen {

// Every Redis command of one worker: taking a job into its processing list, the heartbeat,
// and moving the job on. Each move is one MULTI/EXEC, so no reader ever sees a job in two
// lists or in none. Connection failures throw ConnectionError; unexpected replies throw
// std::runtime_error.
class JobMover final {
public:
    struct Taken {
        QByteArray payload; // exactly as taken: LREM needs the same bytes
        QString queueKey; // where it came from; retries go back there
    };

    JobMover(redis::RedisClient& client, const QueueSystemConfig& system, QString workerId,
        Millis heartbeatTtl, Millis blockTimeout);

    // One take in priority order, skipping paused queues: RPOPLPUSH from the first unpaused
    // queue holding jobs; when all are empty, BRPOPLPUSH on the first unpaused queue for at most
    // the block timeout. Nullopt when nothing came; *allPaused tells that nothing was tried.
    std::optional<Taken> take(bool* allPaused);

    void heartbeat(const QByteArray& payload);
    // LPUSH completed, LREM processing, DEL heartbeat.
    void complete(const Taken& job);
    // After a failed attempt: LPUSH retried (the payload with retries + 1) onto destination (the
    // job's queue or the dead letters), LREM the original from processing, DEL heartbeat.
    void moveFailed(const Taken& job, const QByteArray& retried, const QString& destination);
    // A job this worker will not finish goes back to the consuming end of its queue (RPUSH: it
    // was next in line), unchanged.
    void handBack(const Taken& job);
    // Hands back whatever the processing list holds. After a connection error the worker cannot
    // know whether its last command ran, and this makes the lists consistent again. Returns
    // how many jobs went back.
    qint64 recover();

    const QString& processingKey() const { return m_processingKey; }
    const QString& heartbeatKey() const { return m_heartbeatKey; }

private:
    // The queue a job found in the processing list belongs to: its priority's queue.
    QString queueOfPayload(const QByteArray& payload) const;
    // MULTI, commands, EXEC in one round trip; throws unless EXEC ran every command.
    void transaction(const QList<redis::Command>& commands, const char* what);

    redis::RedisClient& m_client;
    const QueueSystemConfig& m_system;
    const QString m_processingKey;
    const QString m_heartbeatKey;
    const QByteArray m_processing; // the same as UTF-8, as commands want it
    const QByteArray m_heartbeat;
    const QByteArray m_expiryUnit; // EX with whole seconds, else PX
    const QByteArray m_expiry;
    const QByteArray m_blockSeconds;
};

} // namespace qd::loadgen
