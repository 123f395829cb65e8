#include "core/actions/BenchmarkRunner.h"

#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionTypes.h"
#include "core/redis/RedisClient.h"
#include "core/telemetry/Telemetry.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <charconv>
#include <cmath>
#include <iterator>
#include <optional>

namespace qd {

using redis::Command;

namespace {

// How far down the completed list one look reads (at least a pipeline's worth).
constexpr qint64 kCompletedWindow = 1000;
// How often the completed list is read while waiting for workers.
constexpr int kCompletionResolutionMs = 20;
// Commands per pipeline when removing what a run left on a real queue.
constexpr qsizetype kCleanupBatch = 1000;

QJsonObject percentiles(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return {{QStringLiteral("p50"), BenchmarkRunner::percentile(values, 50)},
        {QStringLiteral("p95"), BenchmarkRunner::percentile(values, 95)},
        {QStringLiteral("p99"), BenchmarkRunner::percentile(values, 99)},
        {QStringLiteral("samples"), static_cast<qint64>(values.size())}};
}

// A JSON string literal, quotes included, exactly as QJsonDocument escapes it.
QByteArray jsonString(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] -> "..."
}

// Extracts n from a bench job id "bench-<action>-<n>" in a completed entry; -1 if not ours.
qint64 benchNumber(const QByteArray& entry, const QString& prefix)
{
    const QString id
        = QJsonDocument::fromJson(entry).object().value(QStringLiteral("id")).toString();
    if (!id.startsWith(prefix))
        return -1;
    bool ok = false;
    const qint64 n = QStringView(id).mid(prefix.size()).toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

BenchmarkRunner::JobTemplate::JobTemplate(const QString& idPrefix, const QString& priority,
    qint64 paddingBytes, const QString& traceId, const QString& spanId)
{
    // The quotes around the prefix are dropped so the job number can follow it inside the string.
    const QByteArray prefix = jsonString(idPrefix).chopped(1).mid(1);
    m_beforeTime = QByteArrayLiteral("{\"creation_time\":\"");
    m_beforePath = "\",\"filepath\":\"/queuedeck/bench/" + prefix;
    m_beforeId = "\",\"filesize\":" + QByteArray::number(paddingBytes) + ",\"id\":\"" + prefix;
    m_tail = "\",\"payload\":\"" + QByteArray(paddingBytes, 'x')
        + "\",\"priority\":" + jsonString(priority) + ",\"retries\":0,\"span_id\":\""
        + spanId.toLatin1() + "\",\"trace_id\":\"" + traceId.toLatin1() + "\"}";
}

QByteArray BenchmarkRunner::JobTemplate::render(qint64 n, const QByteArray& creationTime) const
{
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), n).ptr;
    const QByteArrayView number(digits, end - digits);
    QByteArray job;
    job.reserve(m_beforeTime.size() + creationTime.size() + m_beforePath.size() + m_beforeId.size()
        + m_tail.size() + 2 * number.size());
    job.append(m_beforeTime).append(creationTime);
    job.append(m_beforePath).append(number);
    job.append(m_beforeId).append(number);
    job.append(m_tail);
    return job;
}

double BenchmarkRunner::percentile(const QList<double>& sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank
        = static_cast<qsizetype>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)];
}

namespace {

// What one run does, from the parameters and the catalog's defaults.
struct BenchPlan {
    QString queue; // empty: a dedicated list
    bool dedicated = true;
    QByteArray key;
    qint64 count = 0;
    qint64 depth = 0;
    qint64 padding = 0;
    bool watch = false; // measure completion: only on a queue that workers consume
    QString prefix; // of the job ids, "bench-<action>-"
};

BenchPlan planFor(const ActionContext& c)
{
    const ActionTypeSpec& spec = ActionCatalog::of(ActionType::Benchmark);
    BenchPlan plan;
    plan.queue = c.parameters.value(QStringLiteral("queue")).toString();
    plan.dedicated = plan.queue.isEmpty();
    plan.key = (plan.dedicated ? actiontypes::benchQueueKey(c.actionId)
                               : c.cluster.queueSystem.keyOf(plan.queue))
                   .toUtf8();
    plan.count = spec.integerOf(c.parameters, QStringLiteral("count"));
    plan.depth = spec.integerOf(c.parameters, QStringLiteral("pipeline"));
    plan.padding = spec.integerOf(c.parameters, QStringLiteral("payload_bytes"));
    const bool waitForCompletion
        = c.parameters.value(QStringLiteral("wait_for_completion")).toBool(!plan.dedicated);
    plan.watch = waitForCompletion && !plan.dedicated;
    plan.prefix = QStringLiteral("bench-%1-").arg(c.actionId);
    return plan;
}

struct Enqueued {
    qint64 sent = 0;
    QList<double> batchMs;
    // Job number -> elapsed ms at enqueue, -1 once seen completed; only kept when watched.
    QList<qint64> enqueuedAtMs;
    QList<QByteArray> created; // the jobs put on a real queue, to remove afterwards
    QString stopped; // why it stopped early, if it did
    std::optional<TargetResult> failure;
};

// LPUSHes the jobs in pipelines of plan.depth, timing each batch.
Enqueued enqueue(const ActionContext& c, const BenchPlan& plan, const QElapsedTimer& clock)
{
    // The span this target runs in (a new W3C context when tracing is off), so workers can
    // continue the trace.
    const telemetry::TraceContext trace = telemetry::currentContext().isValid()
        ? telemetry::currentContext()
        : telemetry::TraceContext::generate(false);
    const BenchmarkRunner::JobTemplate jobs(plan.prefix,
        plan.dedicated ? QStringLiteral("bench") : plan.queue, plan.padding, trace.traceIdHex(),
        trace.spanIdHex());
    Enqueued out;
    out.batchMs.reserve((plan.count + plan.depth - 1) / plan.depth);
    qint64 reportedAtNs = -1;
    QList<Command> batch;
    while (out.sent < plan.count) {
        if (c.shouldStop()) {
            out.stopped = c.stopReason();
            break;
        }
        batch.clear();
        const qint64 size = std::min(plan.depth, plan.count - out.sent);
        // One timestamp per batch: its jobs are created within the same millisecond anyway.
        const QByteArray createdAt
            = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        for (qint64 i = 0; i < size; ++i) {
            const QByteArray job = jobs.render(out.sent + i, createdAt);
            batch.append(Command {"LPUSH", plan.key, job});
            if (!plan.dedicated)
                out.created.append(job);
        }
        const qint64 before = clock.nsecsElapsed();
        const QList<redis::Reply> replies = c.client.pipeline(batch);
        const double ms = static_cast<double>(clock.nsecsElapsed() - before) / 1e6;
        for (const redis::Reply& reply : replies) {
            if (reply.isError()) {
                TargetResult failed;
                failed.message = QStringLiteral("LPUSH failed after %1 jobs: %2")
                                     .arg(out.sent)
                                     .arg(reply.toString());
                out.failure = failed;
                return out;
            }
        }
        out.batchMs.append(ms);
        if (plan.watch)
            out.enqueuedAtMs.insert(out.enqueuedAtMs.size(), size, before / 1'000'000);
        out.sent += size;
        // Progress crosses to the main thread as an event; a few per second is what a progress
        // bar needs, and one per batch would cost the main thread more than the enqueue does.
        const qint64 now = clock.nsecsElapsed();
        if (reportedAtNs < 0 || now - reportedAtNs >= BenchmarkRunner::kProgressIntervalNs
            || out.sent == plan.count) {
            c.progress(out.sent, plan.count);
            reportedAtNs = now;
        }
    }
    return out;
}

// The completed list's entries of this run, to remove afterwards.
using CompletedEntries = QList<QByteArray>;

// End to end: watches the head of the completed list for the run's job ids until all are seen,
// the run is stopped, or nothing new turned up for 3 s.
CompletedEntries watchCompletion(const ActionContext& c, const BenchPlan& plan, Enqueued& enqueued,
    const QElapsedTimer& clock, QJsonObject& details)
{
    const QueueSystemConfig& qs = c.cluster.queueSystem;
    QList<double> completionMs;
    CompletedEntries entries;
    qint64 lastProgressMs = clock.elapsed();
    while (completionMs.size() < enqueued.sent && !c.shouldStop()
        && clock.elapsed() - lastProgressMs < 3000) {
        const redis::Reply head = c.client.command(Command {"LRANGE", qs.completedKey.toUtf8(), "0",
            QByteArray::number(std::max<qint64>(plan.depth, kCompletedWindow) - 1)});
        const qint64 now = clock.elapsed();
        for (const redis::Reply& entry : head.elements()) {
            const qint64 n = benchNumber(entry.toByteArray(), plan.prefix);
            if (n < 0 || n >= enqueued.enqueuedAtMs.size() || enqueued.enqueuedAtMs[n] < 0)
                continue;
            completionMs.append(static_cast<double>(now - enqueued.enqueuedAtMs[n]));
            enqueued.enqueuedAtMs[n] = -1;
            entries.append(entry.toByteArray());
            lastProgressMs = now;
        }
        QThread::msleep(kCompletionResolutionMs);
    }
    details.insert(QStringLiteral("completed"), static_cast<qint64>(completionMs.size()));
    details.insert(QStringLiteral("completion_latency_ms"), percentiles(completionMs));
    details.insert(QStringLiteral("completion_resolution_ms"), kCompletionResolutionMs);
    return entries;
}

// Removes what the run created: the dedicated list, or its leftover jobs and completed entries
// on a real queue.
void cleanUp(const ActionContext& c, const BenchPlan& plan, const Enqueued& enqueued,
    const CompletedEntries& completed)
{
    if (plan.dedicated) {
        c.client.command(Command {"UNLINK", plan.key});
        return;
    }
    const QByteArray completedKey = c.cluster.queueSystem.completedKey.toUtf8();
    QList<Command> cleanup;
    for (const QByteArray& job : enqueued.created)
        cleanup.append(Command {"LREM", plan.key, "1", job});
    for (const QByteArray& entry : completed)
        cleanup.append(Command {"LREM", completedKey, "1", entry});
    for (qsizetype i = 0; i < cleanup.size(); i += kCleanupBatch)
        c.client.pipeline(cleanup.mid(i, kCleanupBatch));
}

} // namespace

TargetResult BenchmarkRunner::run(const ActionContext& c)
{
    const BenchPlan plan = planFor(c);
    QElapsedTimer clock;
    clock.start();
    Enqueued enqueued = enqueue(c, plan, clock);
    if (enqueued.failure) {
        if (plan.dedicated)
            c.client.command(Command {"UNLINK", plan.key});
        return *enqueued.failure;
    }
    const double enqueueSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const double jobsPerSecond
        = enqueueSeconds > 0 ? static_cast<double>(enqueued.sent) / enqueueSeconds : 0.0;
    const QJsonObject batchLatency = percentiles(enqueued.batchMs);
    QJsonObject details {
        {QStringLiteral("queue"), plan.dedicated ? QString::fromUtf8(plan.key) : plan.queue},
        {QStringLiteral("enqueued"), enqueued.sent}, {QStringLiteral("pipeline"), plan.depth},
        {QStringLiteral("payload_bytes"), plan.padding},
        {QStringLiteral("enqueue_seconds"), enqueueSeconds},
        {QStringLiteral("jobs_per_second"), jobsPerSecond},
        {QStringLiteral("batch_latency_ms"), batchLatency}};

    CompletedEntries completed;
    if (plan.watch && enqueued.stopped.isEmpty())
        completed = watchCompletion(c, plan, enqueued, clock, details);
    else if (plan.dedicated)
        details.insert(QStringLiteral("completion"),
            QStringLiteral("not measured: no worker consumes the dedicated bench queue"));
    cleanUp(c, plan, enqueued, completed);

    TargetResult result;
    result.success = enqueued.stopped.isEmpty();
    result.message = QStringLiteral("enqueued %1 jobs at %2 jobs/s, batch p99 %3 ms")
                         .arg(enqueued.sent)
                         .arg(jobsPerSecond, 0, 'f', 0)
                         .arg(batchLatency.value(QStringLiteral("p99")).toDouble(), 0, 'f', 2);
    if (!enqueued.stopped.isEmpty())
        result.message += QStringLiteral(" (%1 before the end)").arg(enqueued.stopped);
    result.details = details;
    result.done = enqueued.sent;
    result.total = plan.count;
    return result;
}

} // namespace qd
