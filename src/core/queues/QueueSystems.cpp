#include "core/queues/QueueSystems.h"

#include "core/errors/Errors.h"
#include "core/queues/GoRedisWorkQueue.h"
#include "core/queues/bullmq/BullMqBackend.h"
#include "core/queues/celery/CeleryBackend.h"
#include "core/queues/rq/RqBackend.h"
#include "core/queues/sidekiq/SidekiqBackend.h"

#include <utility>

namespace qd {

std::shared_ptr<QueueBackend> createQueueBackend(
    const ClusterConfig& cluster, std::shared_ptr<redis::RedisClient> client, const Clock& clock)
{
    switch (cluster.queueSystem.type) {
    case QueueSystemType::GoRedisWorkQueue:
        return std::make_shared<GoRedisWorkQueue>(cluster, std::move(client), clock);
    case QueueSystemType::Sidekiq:
        return std::make_shared<SidekiqBackend>(cluster, std::move(client), clock);
    case QueueSystemType::BullMQ:
        return std::make_shared<BullMqBackend>(cluster, std::move(client), clock);
    case QueueSystemType::RQ:
        return std::make_shared<RqBackend>(cluster, std::move(client), clock);
    case QueueSystemType::Celery:
        return std::make_shared<CeleryBackend>(cluster, std::move(client), clock);
    }
    throw ClusterError(ClusterError::Kind::InvalidConfig, cluster.name,
        QStringLiteral("queue system %1 is not supported by this version of QueueDeck")
            .arg(queueSystemTypeName(cluster.queueSystem.type)),
        QStringLiteral("queue_system.type"));
}

} // namespace qd
