#include "core/actions/SidekiqRunners.h"

#include "core/queues/sidekiq/SidekiqJob.h"
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/queues/sidekiq/SidekiqReading.h"
#include "core/queues/sidekiq/SidekiqSteering.h"
#include "core/redis/Command.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace qd {

using sidekiq::JobSet;
using sidekiq::SetEntry;
using sidekiq::SidekiqSteering;

namespace {

// The peek parameter's special queues that stand for the dead and the retry set.
const QString kDeadLetterQueue = QStringLiteral("dead_letter");
const QString kRetryQueue = QStringLiteral("retry");
const QString kOriginalQueue = QStringLiteral("original");
constexpr int kSidekiqBatch = SidekiqSteering::kBatch;

JobSet setOf(const ActionContext& c)
{
    return sidekiq::jobSetFromName(c.parameters.value(QStringLiteral("set")).toString())
        .value_or(JobSet::Dead);
}

QString setName(JobSet set)
{
    return QString::fromLatin1(sidekiq::jobSetName(set));
}

SidekiqSteering steeringOf(const ActionContext& c)
{
    return SidekiqSteering(c.client, c.cluster.queueSystem.sidekiqNamespace);
}

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

TargetResult failure(const QString& message)
{
    TargetResult result;
    result.message = message;
    return result;
}

// Runs body; a key Sidekiq never writes that way ends the target with a failure naming it.
// Connection errors go up to the engine, which reports them like every runner's.
template <typename Body>
TargetResult guarded(const char* what, Body body)
{
    try {
        return body();
    } catch (const sidekiq::DataError& e) {
        return failure(
            QStringLiteral("%1 failed: %2").arg(QLatin1String(what), QString::fromUtf8(e.what())));
    }
}

struct RequeueTally {
    qint64 moved = 0;
    qint64 gone = 0;
    qint64 skipped = 0; // no readable queue
    QString stopped;
};

TargetResult requeueResult(
    JobSet set, const QString& destination, const RequeueTally& t, qint64 total)
{
    TargetResult result;
    result.success = t.stopped.isEmpty();
    result.message = QStringLiteral("moved %1 jobs from the %2 set to %3, %4 gone meanwhile, "
                                    "%5 skipped (no queue)")
                         .arg(t.moved)
                         .arg(setName(set),
                             destination.isEmpty() ? QStringLiteral("their queues") : destination)
                         .arg(t.gone)
                         .arg(t.skipped);
    if (!t.stopped.isEmpty())
        result.message += QStringLiteral(" (%1 before the end)").arg(t.stopped);
    result.details = {{QStringLiteral("moved"), t.moved}, {QStringLiteral("gone"), t.gone},
        {QStringLiteral("skipped"), t.skipped}, {QStringLiteral("set"), setName(set)},
        {QStringLiteral("queue"), destination.isEmpty() ? kOriginalQueue : destination}};
    result.done = t.moved + t.gone + t.skipped;
    result.total = total;
    return result;
}

void requeueBatch(const SidekiqSteering& steering, JobSet set, const QList<SetEntry>& entries,
    const QString& destination, RequeueTally& t)
{
    QList<SetEntry> movable;
    for (const SetEntry& entry : entries) {
        if (entry.queue.isEmpty() && destination.isEmpty())
            ++t.skipped;
        else
            movable << entry;
    }
    const auto r = steering.requeue(set, movable, nowSeconds(), destination);
    t.moved += r.moved;
    t.gone += r.gone;
}

// Oldest first, in batches, at most as many as the set held at the start: a requeued job that
// fails again returns to the set and is not taken a second time.
TargetResult requeueAll(const ActionContext& c, JobSet set, const QString& destination)
{
    const SidekiqSteering steering = steeringOf(c);
    const qint64 size = steering.size(set);
    const qint64 total
        = std::min(size, c.parameters.value(QStringLiteral("limit")).toInteger(size));
    RequeueTally t;
    qint64 seen = 0;
    while (seen < total) {
        if (c.shouldStop()) {
            t.stopped = c.stopReason();
            break;
        }
        // Entries without a queue stay in the set, ahead of the rest: read past them.
        const QList<SetEntry> entries
            = steering.range(set, t.skipped, std::min<qint64>(kSidekiqBatch, total - seen));
        if (entries.isEmpty())
            break;
        requeueBatch(steering, set, entries, destination, t);
        seen += entries.size();
        c.progress(seen, total);
    }
    return requeueResult(set, destination, t, total);
}

TargetResult requeueListed(const ActionContext& c, JobSet set, const QString& destination)
{
    const SidekiqSteering steering = steeringOf(c);
    QSet<QString> wanted;
    for (const QJsonValue& id : c.parameters.value(QStringLiteral("ids")).toArray())
        wanted.insert(id.toString());
    const qint64 limit = c.parameters.value(QStringLiteral("limit")).toInteger(wanted.size());
    QList<SetEntry> found;
    const qint64 size = steering.size(set);
    RequeueTally t;
    for (qint64 start = 0; start < size && found.size() < wanted.size(); start += kSidekiqBatch) {
        if (c.shouldStop()) {
            t.stopped = c.stopReason();
            break;
        }
        for (const SetEntry& entry : steering.range(set, start, kSidekiqBatch)) {
            if (wanted.remove(entry.jid))
                found << entry;
        }
    }
    found = found.mid(0, limit);
    const qint64 total = found.size();
    for (qsizetype i = 0; i < found.size() && t.stopped.isEmpty(); i += kSidekiqBatch) {
        if (c.shouldStop()) {
            t.stopped = c.stopReason();
            break;
        }
        requeueBatch(steering, set, found.mid(i, kSidekiqBatch), destination, t);
        c.progress(t.moved + t.gone + t.skipped, total);
    }
    TargetResult result = requeueResult(set, destination, t, total);
    const qint64 missing = wanted.size();
    if (missing > 0) {
        result.message += QStringLiteral("; %1 listed ids not in the set").arg(missing);
        result.details.insert(QStringLiteral("not_found"), missing);
    }
    return result;
}

QJsonArray parsedJobs(const QList<QByteArray>& raws)
{
    QJsonArray jobs;
    for (const QByteArray& raw : raws)
        jobs.append(sidekiq::job::parsed(raw));
    return jobs;
}

} // namespace

TargetResult SidekiqPurgeRunner::run(const ActionContext& c)
{
    return guarded("purge", [&] {
        const JobSet set = setOf(c);
        const qint64 purged = steeringOf(c).purge(set);
        TargetResult result;
        result.success = true;
        result.message
            = QStringLiteral("purged %1 jobs from the %2 set").arg(purged).arg(setName(set));
        result.details
            = {{QStringLiteral("purged"), purged}, {QStringLiteral("set"), setName(set)}};
        return result;
    });
}

TargetResult SidekiqRequeueRunner::run(const ActionContext& c)
{
    return guarded("requeue", [&] {
        const JobSet set = setOf(c);
        QString destination = c.parameters.value(QStringLiteral("queue")).toString();
        if (destination == kOriginalQueue)
            destination.clear();
        return c.parameters.contains(QStringLiteral("ids")) ? requeueListed(c, set, destination)
                                                            : requeueAll(c, set, destination);
    });
}

TargetResult SidekiqPeekRunner::run(const ActionContext& c)
{
    return guarded("peek", [&] {
        const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
        const qint64 count = c.parameters.value(QStringLiteral("count")).toInteger(10);
        TargetResult result;
        result.success = true;
        if (queue == kDeadLetterQueue || queue == kRetryQueue) {
            const JobSet set = queue == kRetryQueue ? JobSet::Retry : JobSet::Dead;
            const SidekiqSteering steering = steeringOf(c);
            const QList<SetEntry> entries = steering.range(set, 0, count, set == JobSet::Dead);
            QList<QByteArray> raws;
            QJsonArray scores;
            for (const SetEntry& entry : entries) {
                raws << entry.raw;
                scores.append(entry.score);
            }
            const qint64 length = steering.size(set);
            result.message = QStringLiteral("%1 of %2 jobs in the %3 set")
                                 .arg(raws.size())
                                 .arg(length)
                                 .arg(setName(set));
            result.details
                = {{QStringLiteral("set"), setName(set)}, {QStringLiteral("length"), length},
                    {QStringLiteral("jobs"), parsedJobs(raws)}, {QStringLiteral("scores"), scores}};
            return result;
        }
        // Sidekiq pushes on the left and fetches from the right: the next jobs are the last.
        const QByteArray key
            = sidekiq::SidekiqReader::keyPrefix(c.cluster.queueSystem.sidekiqNamespace)
            + "queue:" + queue.toUtf8();
        const QList<redis::Reply> replies
            = c.client.pipeline({redis::Command {"LRANGE", key, QByteArray::number(-count), "-1"},
                redis::Command {"LLEN", key}});
        if (replies[0].isError())
            throw sidekiq::DataError(QString::fromUtf8(key), replies[0].toString());
        QList<QByteArray> raws;
        const QList<redis::Reply>& items = replies[0].elements();
        for (auto it = items.crbegin(); it != items.crend(); ++it)
            raws << it->toByteArray();
        result.message = QStringLiteral("%1 of %2 jobs in %3")
                             .arg(raws.size())
                             .arg(replies[1].toInteger())
                             .arg(queue);
        result.details
            = {{QStringLiteral("queue"), queue}, {QStringLiteral("length"), replies[1].toInteger()},
                {QStringLiteral("jobs"), parsedJobs(raws)}};
        return result;
    });
}

TargetResult SidekiqClearQueueRunner::run(const ActionContext& c)
{
    return guarded("clear", [&] {
        const QString queue = c.parameters.value(QStringLiteral("queue")).toString();
        const qint64 cleared = steeringOf(c).clearQueue(queue);
        TargetResult result;
        result.success = true;
        result.message = QStringLiteral("cleared queue %1 (%2 jobs)").arg(queue).arg(cleared);
        result.details = {{QStringLiteral("queue"), queue}, {QStringLiteral("cleared"), cleared}};
        return result;
    });
}

TargetResult SidekiqSignalRunner::run(const ActionContext& c)
{
    return guarded(m_stop ? "stop" : "quiet", [&] {
        const QString process = c.parameters.value(QStringLiteral("process")).toString();
        const QByteArray signal = m_stop ? QByteArrayLiteral("TERM") : QByteArrayLiteral("TSTP");
        using Result = SidekiqSteering::SignalResult;
        switch (steeringOf(c).signal(process, signal)) {
        case Result::NotAProcess:
            return failure(QStringLiteral("%1 is not a Sidekiq process of this deployment (not in "
                                          "the processes set)")
                               .arg(process));
        case Result::NotRunning:
            return failure(QStringLiteral("process %1 is not running: its heartbeat has expired")
                               .arg(process));
        case Result::Sent:
            break;
        }
        TargetResult result;
        result.success = true;
        result.message = m_stop
            ? QStringLiteral("asked %1 to stop (TERM): it takes the signal within a heartbeat "
                             "(5 s), finishes or pushes back its running jobs and leaves")
                  .arg(process)
            : QStringLiteral("asked %1 to quiet (TSTP): it takes the signal within a heartbeat "
                             "(5 s) and shows as quiet 5-10 s after this")
                  .arg(process);
        result.details = {{QStringLiteral("process"), process},
            {QStringLiteral("signal"), QString::fromLatin1(signal)}};
        return result;
    });
}

} // namespace qd
