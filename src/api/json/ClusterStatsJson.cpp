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

QJsonValue optionalInt(const std::optional<int>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalText(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonArray jobsToJson(const QList<WorkerJob>& jobs)
{
    QJsonArray array;
    for (const WorkerJob& job : jobs)
        array.append(QJsonObject {{u"id"_s, job.id}, {u"queue"_s, job.queue},
            {u"class"_s, optionalText(job.jobClass)},
            {u"started_at"_s,
                job.startedAt.isValid() ? QJsonValue(jsonTime(job.startedAt))
                                        : QJsonValue(QJsonValue::Null)}});
    return array;
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
            {u"orphaned"_s, w.orphaned()}, {u"host"_s, optionalText(w.host)},
            {u"pid"_s, optionalMs(w.pid)}, {u"busy"_s, optionalInt(w.busy)},
            {u"concurrency"_s, optionalInt(w.concurrency)},
            {u"queues"_s, QJsonArray::fromStringList(w.queues)}, {u"quiet"_s, w.quiet},
            {u"stopping"_s, w.stopping}, {u"jobs"_s, jobsToJson(w.jobs)}});
    }
    return array;
}

QJsonObject statesToJson(const QueueStat& q)
{
    return {{u"waiting"_s, q.length}, {u"active"_s, optionalMs(q.states.active)},
        {u"scheduled"_s, optionalMs(q.states.scheduled)}, {u"retry"_s, optionalMs(q.states.retry)},
        {u"failed"_s, optionalMs(q.states.failed)},
        {u"completed"_s, optionalMs(q.states.completed)},
        {u"prioritized"_s, optionalMs(q.states.prioritized)},
        {u"waiting_children"_s, optionalMs(q.states.waitingChildren)}};
}

} // namespace

QJsonObject clusterStatsToJson(const ClusterStats& s)
{
    QJsonObject sizes;
    QJsonArray queues;
    for (const QueueStat& q : s.queues) {
        sizes.insert(q.name, q.length);
        queues.append(QJsonObject {{u"name"_s, q.name}, {u"key"_s, q.key}, {u"length"_s, q.length},
            {u"paused"_s, q.paused}, {u"pausable"_s, q.pausable}, {u"states"_s, statesToJson(q)},
            {u"oldest_job_age_ms"_s, optionalMs(q.oldestJobAgeMs)},
            {u"rate_source"_s,
                q.rateSource.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.rateSource)}});
    }
    const QJsonObject server {{u"used_memory_bytes"_s, s.server.usedMemory},
        {u"max_memory_bytes"_s, s.server.maxMemory},
        {u"connected_clients"_s, s.server.connectedClients}, {u"ops_per_sec"_s, s.server.opsPerSec},
        {u"masters"_s, s.server.masters}};
    const QJsonObject cost {{u"round_trips"_s, s.cost.roundTrips}, {u"commands"_s, s.cost.commands},
        {u"bytes_sent"_s, s.cost.bytesSent}, {u"bytes_received"_s, s.cost.bytesReceived}};
    return {
        {u"cluster_name"_s, s.clusterName},
        {u"system"_s, s.system},
        {u"queue_sizes"_s, sizes},
        {u"processing_count"_s, s.processingCount},
        {u"dead_letter_count"_s,
            s.deadLettersKnown ? QJsonValue(s.deadLetterCount) : QJsonValue(QJsonValue::Null)},
        {u"worker_count"_s, optionalInt(s.workerCount)},
        {u"job_rate"_s, s.jobRate},
        {u"error_rate"_s, s.errorRate},
        {u"rates_known"_s, s.ratesKnown},
        {u"total_queued"_s, s.totalQueued()},
        {u"completed_count"_s,
            s.completedKnown ? QJsonValue(s.completedCount) : QJsonValue(QJsonValue::Null)},
        {u"scheduled_count"_s, optionalMs(s.scheduledCount)},
        {u"retry_count"_s, optionalMs(s.retryCount)},
        {u"processed_total"_s, optionalMs(s.processedTotal)},
        {u"failed_total"_s, optionalMs(s.failedTotal)},
        {u"oldest_job_age_ms"_s, optionalMs(s.oldestJobAgeMs)},
        {u"rate_source"_s, s.rateSource},
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
