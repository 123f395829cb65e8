#include "core/health/HealthRules.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::healthrules {

namespace {

constexpr qsizetype kNamedWorkers = 5; // an issue message names at most this many workers

using Words = HealthWords;
constexpr auto makeIssue = &HealthWords::issue;

QString millis(double value)
{
    return value < 10 ? QString::number(value, 'f', 1) : QString::number(qRound64(value));
}

QString bytes(qint64 value)
{
    return QLocale::c().formattedDataSize(value, 1);
}

// The severity of `value` against a warning and a critical threshold, both exclusive: a
// threshold names the largest value that is still fine, so 0 means "any amount".
std::optional<Severity> overThreshold(double value, double warning, double critical)
{
    if (value > critical)
        return Severity::Critical;
    if (value > warning)
        return Severity::Warning;
    return std::nullopt;
}

QString thresholdName(const Words& w, Severity severity)
{
    return severity == Severity::Critical ? w(QT_TRANSLATE_NOOP("qd::HealthWords", "critical"))
                                          : w(QT_TRANSLATE_NOOP("qd::HealthWords", "warning"));
}

template <typename Extract>
QList<qint64> seriesOf(const QList<ClusterStats>& polls, Extract extract)
{
    QList<qint64> values;
    values.reserve(polls.size());
    for (const ClusterStats& poll : polls)
        values.append(extract(poll));
    return values;
}

// How many consecutive polls at the end of `series` each grew strictly over the one before.
// Equal or smaller breaks the streak: a flat line or a shrink is not growth.
int growthStreak(const QList<qint64>& series)
{
    int streak = 0;
    for (qsizetype i = series.size() - 1; i > 0 && series.at(i) > series.at(i - 1); --i)
        ++streak;
    return streak;
}

} // namespace

qint64 runnableBacklog(const ClusterStats& stats)
{
    qint64 total = 0;
    for (const QueueStat& queue : stats.queues) {
        if (!queue.paused)
            total += queue.length;
    }
    return total;
}

std::optional<HealthIssue> unreachable(const PollFailure& failure)
{
    // Whatever the cause, a cluster we cannot see is critical: its jobs may pile up unseen.
    // The cause's own severity only tells the operator whether waiting can help.
    // The cause comes from the Redis layer, in English.
    return makeIssue(healthrule::Unreachable, Severity::Critical, [&](const Words& w) {
        return (failure.severity >= Severity::Error
                ? w(QT_TRANSLATE_NOOP("qd::HealthWords",
                    "Cluster cannot be polled; its configuration needs fixing: %1"))
                : w(QT_TRANSLATE_NOOP("qd::HealthWords", "Cluster is unreachable: %1")))
            .arg(failure.message);
    });
}

std::optional<HealthIssue> latency(const ClusterStats& latest, const HealthConfig& config)
{
    const double warning = double(config.latencyWarning.count());
    const double critical = double(config.latencyCritical.count());
    const auto severity = overThreshold(latest.latencyMs, warning, critical);
    if (!severity)
        return std::nullopt;
    const double limit = *severity == Severity::Critical ? critical : warning;
    return makeIssue(healthrule::Latency, *severity, [&](const Words& w) {
        return w(QT_TRANSLATE_NOOP(
                     "qd::HealthWords", "Polling took %1 ms, over the %2 threshold of %3 ms"))
            .arg(millis(latest.latencyMs), thresholdName(w, *severity), millis(limit));
    });
}

bool draining(const ClusterStats& previous, const ClusterStats& latest)
{
    // A figure the system cannot count, or could not at one of the two polls, is no evidence.
    return (latest.completedKnown && previous.completedKnown
               && latest.completedCount > previous.completedCount)
        || (latest.deadLettersKnown && previous.deadLettersKnown
            && latest.deadLetterCount > previous.deadLetterCount)
        || runnableBacklog(latest) < runnableBacklog(previous);
}

std::optional<HealthIssue> noLiveWorkers(const ClusterStats& latest, const ClusterStats* previous)
{
    // No work and no workers is a quiet cluster, not a sick one; paused work waits by design.
    // Workers the system cannot show (CLIENT LIST refused) are unknown, not absent: this rule
    // has no evidence then, and backlog_growing still tells of queues nobody drains.
    const qint64 backlog = runnableBacklog(latest);
    if (backlog == 0 || !latest.workerCount || *latest.workerCount > 0)
        return std::nullopt;
    // A worker marks itself only while it holds a job: one seen alive a moment ago and between
    // jobs now is still there, and so is one whose work shows in the lists it moves jobs to.
    for (const WorkerStat& worker : latest.workers) {
        if (worker.live() || worker.lastSeen)
            return std::nullopt;
    }
    if (previous != nullptr && draining(*previous, latest))
        return std::nullopt;
    if (!latest.workersComplete) {
        // Worker discovery walks the keyspace a step per poll: live workers may be unseen yet.
        return makeIssue(healthrule::NoLiveWorkers, Severity::Warning, [&](const Words& w) {
            return w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                         "%n job is queued and no live worker has been found yet (worker "
                         "discovery has not finished its first scan)|%n jobs are queued and no "
                         "live worker has been found yet (worker discovery has not finished its "
                         "first scan)"),
                backlog);
        });
    }
    return makeIssue(healthrule::NoLiveWorkers, Severity::Critical, [&](const Words& w) {
        return w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                     "%n job is queued but no worker is alive to take it|%n jobs are queued but "
                     "no worker is alive to take them"),
            backlog);
    });
}

std::optional<HealthIssue> deadLetters(const ClusterStats& latest, const HealthConfig& config)
{
    if (!latest.deadLettersKnown)
        return std::nullopt;
    const auto severity = overThreshold(double(latest.deadLetterCount),
        double(config.deadLetterWarning), double(config.deadLetterCritical));
    if (!severity)
        return std::nullopt;
    const qint64 limit
        = *severity == Severity::Critical ? config.deadLetterCritical : config.deadLetterWarning;
    return makeIssue(healthrule::DeadLetters, *severity, [&](const Words& w) {
        return w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                     "%n job in the dead-letter list, over the %1 threshold of %2|%n jobs in the "
                     "dead-letter list, over the %1 threshold of %2"),
            latest.deadLetterCount)
            .arg(thresholdName(w, *severity), QString::number(limit));
    });
}

QList<OrphanedWorker> orphansOf(const ClusterStats& latest)
{
    QList<OrphanedWorker> orphans;
    for (const WorkerStat& worker : latest.workers) {
        if (worker.orphaned())
            orphans.append({worker.id, worker.processingLength, 0});
    }
    return orphans;
}

std::optional<HealthIssue> orphanedProcessing(const ClusterStats& latest)
{
    return orphanedProcessing(orphansOf(latest), 0);
}

std::optional<HealthIssue> orphanedProcessing(
    const QList<OrphanedWorker>& orphans, qint64 heartbeatTtlMs)
{
    if (orphans.isEmpty())
        return std::nullopt;
    qint64 jobs = 0;
    const OrphanedWorker* oldest = &orphans.first();
    for (const OrphanedWorker& orphan : orphans) {
        jobs += orphan.jobs;
        if (orphan.heldForMs > oldest->heldForMs)
            oldest = &orphan;
    }
    QStringList ids;
    for (qsizetype i = 0; i < std::min(orphans.size(), kNamedWorkers); ++i)
        ids.append(orphans.at(i).id);
    const QString names = ids.join(u", ");
    const qsizetype more = orphans.size() - kNamedWorkers;
    // "1 job sits in the processing list of 1 worker", "3 jobs sit in the processing lists of
    // 2 workers": the verb follows the jobs, the list the workers.
    return makeIssue(healthrule::OrphanedProcessing, Severity::Warning, [&](const Words& w) {
        const QString lists = w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                                    "the processing list of %n worker|the processing lists of "
                                    "%n workers"),
            orphans.size());
        const QString named = more > 0
            ? w(QT_TRANSLATE_N_NOOP("qd::HealthWords", "%1 and %n more|%1 and %n more"), more)
                  .arg(names)
            : names;
        QString message = w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                                "%n job sits in %1 without a heartbeat: %2|%n jobs sit in %1 "
                                "without a heartbeat: %2"),
            jobs)
                              .arg(lists, named);
        if (heartbeatTtlMs > 0 && oldest->heldForMs > heartbeatTtlMs) {
            message += w(QT_TRANSLATE_NOOP("qd::HealthWords",
                             "; %1 has held its jobs for %2 s, past the heartbeat TTL of %3 s"))
                           .arg(oldest->id, QString::number(oldest->heldForMs / 1000),
                               QString::number(heartbeatTtlMs / 1000));
        }
        return message;
    });
}

std::optional<HealthIssue> memory(const ClusterStats& latest, const HealthConfig& config)
{
    const RedisServerStat& server = latest.server;
    if (server.maxMemory <= 0) // maxmemory 0: no limit, nothing to be near
        return std::nullopt;
    const double ratio = double(server.usedMemory) / double(server.maxMemory);
    const auto severity
        = overThreshold(ratio, config.memoryWarningRatio, config.memoryCriticalRatio);
    if (!severity)
        return std::nullopt;
    return makeIssue(healthrule::Memory, *severity, [&](const Words& w) {
        return w(QT_TRANSLATE_NOOP("qd::HealthWords",
                     "Redis uses %1% of maxmemory (%2 of %3), over the %4 ratio"))
            .arg(QString::number(ratio * 100, 'f', 1), bytes(server.usedMemory),
                bytes(server.maxMemory), thresholdName(w, *severity));
    });
}

std::optional<HealthIssue> deadLettersGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config)
{
    const int polls = config.deadLetterGrowthPolls;
    // Only the polls since the count became known: the step from unknown to the first count
    // is not growth.
    qsizetype firstKnown = series.size();
    while (firstKnown > 0 && series.at(firstKnown - 1).deadLettersKnown)
        --firstKnown;
    if (firstKnown == series.size())
        return std::nullopt;
    const QList<qint64> values = seriesOf(series, [](const ClusterStats& poll) {
        return poll.deadLetterCount;
    }).mid(firstKnown);
    if (polls <= 0 || growthStreak(values) < polls)
        return std::nullopt;
    return makeIssue(healthrule::DeadLettersGrowing, Severity::Warning, [&](const Words& w) {
        return w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                     "Dead letters grew in the last poll, from %1 to %2|Dead letters grew in each "
                     "of the last %n polls, from %1 to %2"),
            polls)
            .arg(QString::number(values.at(values.size() - 1 - polls)),
                QString::number(values.constLast()));
    });
}

std::optional<HealthIssue> backlogGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config)
{
    const int polls = config.backlogGrowthPolls;
    const QList<qint64> values = seriesOf(series, &runnableBacklog);
    if (polls <= 0 || growthStreak(values) < polls)
        return std::nullopt;
    return makeIssue(healthrule::BacklogGrowing, Severity::Warning, [&](const Words& w) {
        return w(QT_TRANSLATE_N_NOOP("qd::HealthWords",
                     "Queued work grew in the last poll, from %1 to %2 jobs|Queued work grew in "
                     "each of the last %n polls, from %1 to %2 jobs"),
            polls)
            .arg(QString::number(values.at(values.size() - 1 - polls)),
                QString::number(values.constLast()));
    });
}

} // namespace qd::healthrules
