#pragma once

#include "core/redis/ClientTarget.h"
#include "core/util/Duration.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace qd {

// The Redis layer owns how a deployment is reached; the configuration names the same types.
using redis::ClusterMode;
using redis::TlsConfig;

QString clusterModeName(ClusterMode mode);

// One logical queue of the work-queue system: the name operators use and its Redis list key.
struct QueueKey {
    QString name;
    QString key;

    friend bool operator==(const QueueKey&, const QueueKey&) = default;
};

// The queue systems QueueDeck knows how to read (docs/queue-systems/). One Redis database may
// hold several; each cluster entry reads one, so the same Redis may be configured twice.
enum class QueueSystemType { GoRedisWorkQueue, Sidekiq, BullMQ, RQ, Celery };

QString queueSystemTypeName(QueueSystemType type); // "go-redis-work-queue", "sidekiq", ...
std::optional<QueueSystemType> queueSystemTypeFromName(QStringView name);
QList<QueueSystemType> allQueueSystemTypes(); // in the order of the enum
// Whether this version has an adapter for the type (the others are known names only).
bool queueSystemSupported(QueueSystemType type);

// Which queue system a cluster runs and how to find its keys. The go-redis-work-queue fields
// below are that system's key layout (docs/queue-systems/go-redis-work-queue.md, "Keys"). Every
// name is configurable per cluster because deployments rename them; these defaults are the
// upstream's.
struct QueueSystemConfig {
    QueueSystemType type = QueueSystemType::GoRedisWorkQueue;
    // Sidekiq under redis-namespace: the prefix without its trailing ':'; empty for none.
    QString sidekiqNamespace;
    // BullMQ: the key prefix its queues were created with (Queue's `prefix` option); may
    // contain ':' but not end with one.
    QString bullmqPrefix = QStringLiteral("bull");
    // Celery: the queues to show besides those kombu's bindings name (JSON `queues` as a list
    // of names), the database of its Redis result backend (nullopt: the broker's), and the
    // broker's visibility timeout (kombu's default), after which unacked messages are redelivered.
    QStringList celeryQueues {QStringLiteral("celery")};
    std::optional<int> celeryResultBackendDb;
    Millis celeryVisibilityTimeout {3600000};
    // Celery: kombu's `global_keyprefix` transport option, put before every broker key and
    // event channel kombu names (the result backend's keys are not prefixed); empty for none.
    QString celeryGlobalKeyPrefix;
    // How often an adapter re-reads member lists that cost a round trip of their own (sets of
    // queues or processes, SCAN steps); polls in between reuse the last answer.
    Millis discoveryInterval {10000};

    // The fields below describe go-redis-work-queue's keys; other systems ignore them.
    QList<QueueKey> queues {
        {QStringLiteral("high"), QStringLiteral("jobqueue:high_priority")},
        {QStringLiteral("low"), QStringLiteral("jobqueue:low_priority")},
    };
    QString completedKey = QStringLiteral("jobqueue:completed");
    QString deadLetterKey = QStringLiteral("jobqueue:dead_letter");
    // "*" stands for the worker id in both patterns.
    QString processingPattern = QStringLiteral("jobqueue:worker:*:processing");
    QString heartbeatPattern = QStringLiteral("jobqueue:processing:worker:*");
    // The pause flag of queue "high" is pausePrefix + "high".
    QString pausePrefix = QStringLiteral("jobqueue:paused:");
    int scanCount = 200; // COUNT of the bounded SCAN step per poll
    int maxRetries = 3;
    // The TTL workers give their heartbeat key; heartbeat age = this - remaining TTL.
    Millis heartbeatTtl {30000};

    // How long a worker's sign of life lasts in Redis: the configured heartbeat TTL for
    // go-redis-work-queue, the 60 s Sidekiq gives each process's hash. The health rules count
    // a worker as present that long after it was last seen.
    Millis workerHeartbeatTtl() const;

    QString keyOf(const QString& queueName) const; // empty when the queue is not configured
    QString pauseKey(const QString& queueName) const { return pausePrefix + queueName; }
    QString processingKey(const QString& workerId) const;
    QString heartbeatKey(const QString& workerId) const;
    // The worker id inside a processing key; empty when the key does not match.
    QString workerIdFromProcessingKey(const QString& key) const;

    friend bool operator==(const QueueSystemConfig&, const QueueSystemConfig&) = default;
};

struct ClusterConfig {
    QString name; // identifier used by the API and the audit log; unique
    QString label; // what people read; defaults to name
    QString color; // a colour name or #rrggbb
    // Optional: clusters with the same group ("production", "eu") are shown together by the
    // desktop's overview and tab menu; empty means ungrouped.
    QString group;
    QString endpoint; // host:port, [v6]:port, redis://, rediss://, unix://
    QString username; // ACL user
    QString password; // never logged, never returned by the API
    QString passwordEnv; // take the password from this environment variable
    // The password is kept in the system keychain (PasswordStore), never in the file: the
    // desktop reads it into password when it loads the config and leaves it out when it saves.
    bool passwordKeychain = false;
    int db = 0;
    bool enabled = true;
    bool readOnly = false; // refuse every action on this cluster
    ClusterMode mode = ClusterMode::Standalone;
    QStringList seeds; // more cluster seed nodes, or more Sentinels, besides endpoint
    QString sentinelMaster; // the master name Sentinels are asked for
    TlsConfig tls;
    QueueSystemConfig queueSystem;

    // Fields of the user's JSON object this version does not know, written back on save.
    QJsonObject unknownFields;

    QString displayLabel() const { return label.isEmpty() ? name : label; }
    // The password to use: from passwordEnv when set and present, else password.
    QString effectivePassword() const;
    // Every address to try: endpoint first, then seeds.
    QStringList addresses() const;
    // What RedisClient::create needs, with the password resolved. Implicit, so that whoever
    // holds a cluster's configuration hands it to the Redis layer as it is.
    operator redis::ClientTarget() const;

    friend bool operator==(const ClusterConfig&, const ClusterConfig&) = default;
};

} // namespace qd
