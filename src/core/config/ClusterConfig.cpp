#include "core/config/ClusterConfig.h"

#include <QProcessEnvironment>

namespace qd {
namespace {

// The worker id is what "*" matched in pattern; empty when key does not fit the pattern.
QString matchStar(const QString& pattern, const QString& key)
{
    const qsizetype star = pattern.indexOf(u'*');
    if (star < 0)
        return {};
    const QStringView prefix = QStringView(pattern).left(star);
    const QStringView suffix = QStringView(pattern).mid(star + 1);
    if (key.size() <= prefix.size() + suffix.size() || !key.startsWith(prefix)
        || !key.endsWith(suffix))
        return {};
    return key.mid(prefix.size(), key.size() - prefix.size() - suffix.size());
}

QString fillStar(const QString& pattern, const QString& workerId)
{
    QString key = pattern;
    return key.replace(QStringLiteral("*"), workerId);
}

} // namespace

QString clusterModeName(ClusterMode mode)
{
    switch (mode) {
    case ClusterMode::Standalone:
        return QStringLiteral("standalone");
    case ClusterMode::Cluster:
        return QStringLiteral("cluster");
    case ClusterMode::Sentinel:
        return QStringLiteral("sentinel");
    }
    return {};
}

QString queueSystemTypeName(QueueSystemType type)
{
    switch (type) {
    case QueueSystemType::GoRedisWorkQueue:
        return QStringLiteral("go-redis-work-queue");
    case QueueSystemType::Sidekiq:
        return QStringLiteral("sidekiq");
    case QueueSystemType::BullMQ:
        return QStringLiteral("bullmq");
    case QueueSystemType::RQ:
        return QStringLiteral("rq");
    case QueueSystemType::Celery:
        return QStringLiteral("celery");
    }
    return {};
}

QList<QueueSystemType> allQueueSystemTypes()
{
    return {QueueSystemType::GoRedisWorkQueue, QueueSystemType::Sidekiq, QueueSystemType::BullMQ,
        QueueSystemType::RQ, QueueSystemType::Celery};
}

std::optional<QueueSystemType> queueSystemTypeFromName(QStringView name)
{
    for (QueueSystemType type : allQueueSystemTypes()) {
        if (queueSystemTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

bool queueSystemSupported(QueueSystemType type)
{
    return type == QueueSystemType::GoRedisWorkQueue || type == QueueSystemType::Sidekiq
        || type == QueueSystemType::BullMQ || type == QueueSystemType::RQ
        || type == QueueSystemType::Celery;
}

Millis QueueSystemConfig::workerHeartbeatTtl() const
{
    switch (type) {
    case QueueSystemType::Sidekiq:
        return Millis {60000};
    case QueueSystemType::GoRedisWorkQueue:
    case QueueSystemType::BullMQ:
    case QueueSystemType::RQ:
    case QueueSystemType::Celery:
        break;
    }
    return heartbeatTtl;
}

QString QueueSystemConfig::keyOf(const QString& queueName) const
{
    for (const QueueKey& queue : queues) {
        if (queue.name == queueName)
            return queue.key;
    }
    return {};
}

QString QueueSystemConfig::processingKey(const QString& workerId) const
{
    return fillStar(processingPattern, workerId);
}

QString QueueSystemConfig::heartbeatKey(const QString& workerId) const
{
    return fillStar(heartbeatPattern, workerId);
}

QString QueueSystemConfig::workerIdFromProcessingKey(const QString& key) const
{
    return matchStar(processingPattern, key);
}

QString ClusterConfig::effectivePassword() const
{
    if (!passwordEnv.isEmpty()) {
        const QString fromEnv = QProcessEnvironment::systemEnvironment().value(passwordEnv);
        if (!fromEnv.isEmpty())
            return fromEnv;
    }
    return password;
}

QStringList ClusterConfig::addresses() const
{
    QStringList all {endpoint};
    for (const QString& seed : seeds) {
        if (!all.contains(seed))
            all.append(seed);
    }
    return all;
}

ClusterConfig::operator redis::ClientTarget() const
{
    redis::ClientTarget target;
    target.name = name;
    target.addresses = addresses();
    target.mode = mode;
    target.sentinelMaster = sentinelMaster;
    target.username = username;
    target.password = effectivePassword();
    target.db = db;
    target.tls = tls;
    return target;
}

} // namespace qd
