#include "core/actions/BenchmarkRunner.h"

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

namespace qd {

using redis::Command;

namespace {

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

TargetResult BenchmarkRunner::run(const ActionContext& c)
{
    const QueueSystemConfig& qs = c.cluster.queueSystem;
    const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
    const bool dedicated = queue.isEmpty();
    const QByteArray key
        = (dedicated ? actiontypes::benchQueueKey(c.actionId) : qs.keyOf(queue)).toUtf8();
    const qint64 count = c.parameters.value(QStringLiteral("count")).toInteger(1000);
    const qint64 depth = c.parameters.value(QStringLiteral("pipeline")).toInteger(50);
    const qint64 padding = c.parameters.value(QStringLiteral("payload_bytes")).toInteger(256);
    const bool waitForCompletion
        = c.parameters.value(QStringLiteral("wait_for_completion")).toBool(!dedicated);
    const QString prefix = QStringLiteral("bench-%1-").arg(c.actionId);

    // The span this target runs in (a new W3C context when tracing is off), so workers can
    // continue the trace.
    const telemetry::TraceContext trace = telemetry::currentContext().isValid()
        ? telemetry::currentContext()
        : telemetry::TraceContext::generate(false);
    const JobTemplate jobs(prefix, dedicated ? QStringLiteral("bench") : queue, padding,
        trace.traceIdHex(), trace.spanIdHex());

    QList<double> batchMs;
    batchMs.reserve((count + depth - 1) / depth);
    // Job number -> elapsed ms at enqueue, -1 once seen completed; only kept when watched.
    QList<qint64> enqueuedAtMs;
    QList<QByteArray> created;
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    qint64 reportedAtNs = -1;
    QString stopped;
    const bool watch = waitForCompletion && !dedicated;
    QList<Command> batch;
    while (sent < count) {
        if (c.shouldStop()) {
            stopped = c.stopReason();
            break;
        }
        batch.clear();
        const qint64 size = std::min(depth, count - sent);
        // One timestamp per batch: its jobs are created within the same millisecond anyway.
        const QByteArray createdAt
            = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        for (qint64 i = 0; i < size; ++i) {
            const QByteArray job = jobs.render(sent + i, createdAt);
            batch.append(Command {"LPUSH", key, job});
            if (!dedicated)
                created.append(job);
        }
        const qint64 before = clock.nsecsElapsed();
        const QList<redis::Reply> replies = c.client.pipeline(batch);
        const double ms = static_cast<double>(clock.nsecsElapsed() - before) / 1e6;
        for (const redis::Reply& reply : replies) {
            if (reply.isError()) {
                TargetResult failed;
                failed.message = QStringLiteral("LPUSH failed after %1 jobs: %2")
                                     .arg(sent)
                                     .arg(reply.toString());
                if (dedicated)
                    c.client.command(Command {"UNLINK", key});
                return failed;
            }
        }
        batchMs.append(ms);
        if (watch)
            enqueuedAtMs.insert(enqueuedAtMs.size(), size, before / 1'000'000);
        sent += size;
        // Progress crosses to the main thread as an event; a few per second is what a progress
        // bar needs, and one per batch would cost the main thread more than the enqueue does.
        const qint64 now = clock.nsecsElapsed();
        if (reportedAtNs < 0 || now - reportedAtNs >= kProgressIntervalNs || sent == count) {
            c.progress(sent, count);
            reportedAtNs = now;
        }
    }
    const double enqueueSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;

    QJsonObject details {{QStringLiteral("queue"), dedicated ? QString::fromUtf8(key) : queue},
        {QStringLiteral("enqueued"), sent}, {QStringLiteral("pipeline"), depth},
        {QStringLiteral("payload_bytes"), padding},
        {QStringLiteral("enqueue_seconds"), enqueueSeconds},
        {QStringLiteral("jobs_per_second"),
            enqueueSeconds > 0 ? static_cast<double>(sent) / enqueueSeconds : 0.0},
        {QStringLiteral("batch_latency_ms"), percentiles(batchMs)}};

    // End to end: watch the head of the completed list for our job ids.
    QList<double> completionMs;
    QList<QByteArray> completedEntries;
    if (watch && stopped.isEmpty()) {
        qint64 lastProgressMs = clock.elapsed();
        while (completionMs.size() < sent && !c.shouldStop()
            && clock.elapsed() - lastProgressMs < 3000) {
            const redis::Reply head = c.client.command(Command {"LRANGE", qs.completedKey.toUtf8(),
                "0", QByteArray::number(std::max<qint64>(depth, 1000) - 1)});
            const qint64 now = clock.elapsed();
            for (const redis::Reply& entry : head.elements()) {
                const qint64 n = benchNumber(entry.toByteArray(), prefix);
                if (n < 0 || n >= enqueuedAtMs.size() || enqueuedAtMs[n] < 0)
                    continue;
                completionMs.append(static_cast<double>(now - enqueuedAtMs[n]));
                enqueuedAtMs[n] = -1;
                completedEntries.append(entry.toByteArray());
                lastProgressMs = now;
            }
            QThread::msleep(20);
        }
        details.insert(QStringLiteral("completed"), static_cast<qint64>(completionMs.size()));
        details.insert(QStringLiteral("completion_latency_ms"), percentiles(completionMs));
        details.insert(QStringLiteral("completion_resolution_ms"), 20);
    } else if (dedicated) {
        details.insert(QStringLiteral("completion"),
            QStringLiteral("not measured: no worker consumes the dedicated bench queue"));
    }

    // Clean up what this benchmark created.
    if (dedicated) {
        c.client.command(Command {"UNLINK", key});
    } else {
        QList<Command> cleanup;
        for (const QByteArray& job : std::as_const(created))
            cleanup.append(Command {"LREM", key, "1", job});
        for (const QByteArray& entry : std::as_const(completedEntries))
            cleanup.append(Command {"LREM", qs.completedKey.toUtf8(), "1", entry});
        for (qsizetype i = 0; i < cleanup.size(); i += 1000)
            c.client.pipeline(cleanup.mid(i, 1000));
    }

    TargetResult result;
    result.success = stopped.isEmpty();
    result.message
        = QStringLiteral("enqueued %1 jobs at %2 jobs/s, batch p99 %3 ms")
              .arg(sent)
              .arg(details.value(QStringLiteral("jobs_per_second")).toDouble(), 0, 'f', 0)
              .arg(details[QStringLiteral("batch_latency_ms")][QStringLiteral("p99")].toDouble(), 0,
                  'f', 2);
    if (!stopped.isEmpty())
        result.message += QStringLiteral(" (%1 before the end)").arg(stopped);
    result.details = details;
    result.done = sent;
    result.total = count;
    return result;
}

} // namespace qd
