#include "core/actions/CeleryRunners.h"

#include "core/config/ClusterConfig.h"
#include "core/queues/celery/CeleryReader.h"
#include "core/redis/RedisClient.h"

namespace qd {

using redis::Command;
using redis::Reply;

namespace {

// KEYS: the queue's lists, plain first. Returns how many messages they held.
const QByteArray clearScript = QByteArrayLiteral(R"lua(
local cleared = 0
for _, key in ipairs(KEYS) do
  cleared = cleared + redis.call('LLEN', key)
  redis.call('DEL', key)
end
return cleared
)lua");

// Whether a binding of kombu names the queue (a full SCAN: an action may take the time a
// poll may not).
bool isBound(const ActionContext& c, const QString& queue, QByteArrayView prefix)
{
    QByteArray cursor = "0";
    do {
        const Reply reply = c.client.command(
            Command {"SCAN", cursor, "MATCH", celery::bindingMatch(prefix), "COUNT", "1000"});
        if (reply.isError() || reply.size() != 2)
            throw std::runtime_error("SCAN failed: " + reply.toString().toStdString());
        for (const Reply& key : reply.at(1).elements()) {
            const Reply members = c.client.command(Command {"SMEMBERS", key.toByteArray()});
            for (const Reply& member : members.elements()) {
                if (celery::queueOfBinding(key.toByteArray(), member.toByteArray(), prefix)
                    == queue)
                    return true;
            }
        }
        cursor = reply.at(0).toByteArray();
    } while (cursor != "0");
    return false;
}

TargetResult failure(const QString& message)
{
    TargetResult result;
    result.success = false;
    result.message = message;
    return result;
}

} // namespace

TargetResult CeleryClearQueueRunner::run(const ActionContext& c)
{
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    // kombu's global_keyprefix names the bindings and the lists alike.
    const QByteArray prefix = c.cluster.queueSystem.celeryGlobalKeyPrefix.toUtf8();
    if (!c.cluster.queueSystem.celeryQueues.contains(queue) && !isBound(c, queue, prefix))
        return failure(QStringLiteral("%1 is not a queue of this Celery deployment (neither "
                                      "configured nor bound by kombu)")
                           .arg(queue));
    const QList<QByteArray> lists = celery::queueLists(queue, prefix);
    Command command {"EVAL", clearScript, QByteArray::number(lists.size())};
    for (const QByteArray& list : lists)
        command.arg(list);
    const Reply reply = c.client.commandOnMaster(command);
    if (reply.isError())
        return failure(QStringLiteral("clearing %1 failed: %2").arg(queue, reply.toString()));
    TargetResult result;
    result.success = true;
    result.message = QStringLiteral("cleared queue %1 (%2 messages; those held by workers are "
                                    "left to them)")
                         .arg(queue)
                         .arg(reply.toInteger());
    result.details
        = {{QStringLiteral("queue"), queue}, {QStringLiteral("cleared"), reply.toInteger()}};
    return result;
}

std::unique_ptr<ActionRunner> celeryRunner(ActionType type)
{
    switch (type) {
    case ActionType::ClearQueue:
        return std::make_unique<CeleryClearQueueRunner>();
    default:
        break;
    }
    return nullptr;
}

} // namespace qd
