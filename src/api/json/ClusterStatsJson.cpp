#include "api/json/ClusterStatsJson.h"

#include "api/json/JsonTime.h"
#include "core/stats/ClusterStats.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QJsonValue optionalMs(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray workersToJson(const QList<WorkerStat>& workers)
{
    QJsonArray array;
    for (const WorkerStat& w : workers) {
        array.append(QJsonObject {{u"id"_s, w.id}, {u"processing_count"_s, w.processingLength},
            {u"heartbeat_ttl_ms"_s, optionalMs(w.heartbeatTtlMs)},
            {u"heartbeat_age_ms"_s, optionalMs(w.heartbeatAgeMs)},
            {u"last_seen"_s, w.lastSeen ? jsonTime(*w.lastSeen) : QJsonValue(QJsonValue::Null)},
            {u"idle"_s, w.idle}, {u"current_job_id"_s, w.currentJobId}, {u"live"_s, w.live()},
            {u"orphaned"_s, w.orphaned()}});
    }
    return array;
}

} // namespace

QJsonObject clusterStatsToJson(const ClusterStats& s)
{
    QJsonObject sizes;
    QJsonArray queues;
    for (const QueueStat& q : s.queues) {
        sizes.insert(q.name, q.length);
        queues.append(QJsonObject {{u"name"_s, q.name}, {u"key"_s, q.key}, {u"length"_s, q.length},
            {u"paused"_s, q.paused}});
    }
    const QJsonObject server {{u"used_memory_bytes"_s, s.server.usedMemory},
        {u"max_memory_bytes"_s, s.server.maxMemory},
        {u"connected_clients"_s, s.server.connectedClients}, {u"ops_per_sec"_s, s.server.opsPerSec},
        {u"masters"_s, s.server.masters}};
    const QJsonObject cost {{u"round_trips"_s, s.cost.roundTrips}, {u"commands"_s, s.cost.commands},
        {u"bytes_sent"_s, s.cost.bytesSent}, {u"bytes_received"_s, s.cost.bytesReceived}};
    return {
        {u"cluster_name"_s, s.clusterName},
        {u"queue_sizes"_s, sizes},
        {u"processing_count"_s, s.processingCount},
        {u"dead_letter_count"_s, s.deadLetterCount},
        {u"worker_count"_s, s.workerCount},
        {u"job_rate"_s, s.jobRate},
        {u"error_rate"_s, s.errorRate},
        {u"rates_known"_s, s.ratesKnown},
        {u"total_queued"_s, s.totalQueued()},
        {u"completed_count"_s, s.completedCount},
        {u"queues"_s, queues},
        {u"paused_queues"_s, QJsonArray::fromStringList(s.pausedQueues())},
        {u"workers"_s, workersToJson(s.workers)},
        {u"workers_complete"_s, s.workersComplete},
        {u"orphaned_workers"_s, QJsonArray::fromStringList(s.orphanedWorkers())},
        {u"server"_s, server},
        {u"latency_ms"_s, s.latencyMs},
        {u"poll_cost"_s, cost},
        {u"polled_at"_s, jsonTime(s.polledAt)},
    };
}

} // namespace qd::api
