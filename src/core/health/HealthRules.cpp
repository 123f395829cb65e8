#include "core/health/HealthRules.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace qd::healthrules {

namespace {

constexpr qsizetype kNamedWorkers = 5; // an issue message names at most this many workers

HealthIssue makeIssue(QStringView rule, Severity severity, const QString& message)
{
    return HealthIssue {rule.toString(), severity, message};
}

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

QString thresholdName(Severity severity)
{
    return severity == Severity::Critical ? u"critical"_s : u"warning"_s;
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
    const QString message = failure.severity >= Severity::Error
        ? u"Cluster cannot be polled; its configuration needs fixing: "_s + failure.message
        : u"Cluster is unreachable: "_s + failure.message;
    return makeIssue(healthrule::Unreachable, Severity::Critical, message);
}

std::optional<HealthIssue> latency(const ClusterStats& latest, const HealthConfig& config)
{
    const double warning = double(config.latencyWarning.count());
    const double critical = double(config.latencyCritical.count());
    const auto severity = overThreshold(latest.latencyMs, warning, critical);
    if (!severity)
        return std::nullopt;
    const double limit = *severity == Severity::Critical ? critical : warning;
    return makeIssue(healthrule::Latency, *severity,
        u"Polling took %1 ms, over the %2 threshold of %3 ms"_s.arg(
            millis(latest.latencyMs), thresholdName(*severity), millis(limit)));
}

std::optional<HealthIssue> noLiveWorkers(const ClusterStats& latest)
{
    // No work and no workers is a quiet cluster, not a sick one; paused work waits by design.
    const qint64 backlog = runnableBacklog(latest);
    if (backlog == 0 || latest.workerCount > 0)
        return std::nullopt;
    if (!latest.workersComplete) {
        // Worker discovery walks the keyspace a step per poll: live workers may be unseen yet.
        return makeIssue(healthrule::NoLiveWorkers, Severity::Warning,
            u"%1 jobs are queued and no live worker has been found yet (worker discovery has "
            "not finished its first scan)"_s.arg(backlog));
    }
    return makeIssue(healthrule::NoLiveWorkers, Severity::Critical,
        u"%1 jobs are queued but no worker is alive to take them"_s.arg(backlog));
}

std::optional<HealthIssue> deadLetters(const ClusterStats& latest, const HealthConfig& config)
{
    const auto severity = overThreshold(double(latest.deadLetterCount),
        double(config.deadLetterWarning), double(config.deadLetterCritical));
    if (!severity)
        return std::nullopt;
    const qint64 limit
        = *severity == Severity::Critical ? config.deadLetterCritical : config.deadLetterWarning;
    return makeIssue(healthrule::DeadLetters, *severity,
        u"%1 jobs in the dead-letter list, over the %2 threshold of %3"_s.arg(
            QString::number(latest.deadLetterCount), thresholdName(*severity),
            QString::number(limit)));
}

std::optional<HealthIssue> orphanedProcessing(const ClusterStats& latest)
{
    const QStringList orphans = latest.orphanedWorkers();
    if (orphans.isEmpty())
        return std::nullopt;
    qint64 jobs = 0;
    for (const WorkerStat& worker : latest.workers) {
        if (worker.orphaned())
            jobs += worker.processingLength;
    }
    QString names = orphans.mid(0, kNamedWorkers).join(u", ");
    if (orphans.size() > kNamedWorkers)
        names += u" and %1 more"_s.arg(orphans.size() - kNamedWorkers);
    return makeIssue(healthrule::OrphanedProcessing, Severity::Warning,
        u"%1 jobs sit in the processing lists of %2 workers without a heartbeat: %3"_s.arg(
            QString::number(jobs), QString::number(orphans.size()), names));
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
    return makeIssue(healthrule::Memory, *severity,
        u"Redis uses %1% of maxmemory (%2 of %3), over the %4 ratio"_s.arg(
            QString::number(ratio * 100, 'f', 1), bytes(server.usedMemory), bytes(server.maxMemory),
            thresholdName(*severity)));
}

std::optional<HealthIssue> deadLettersGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config)
{
    const int polls = config.deadLetterGrowthPolls;
    const QList<qint64> values
        = seriesOf(series, [](const ClusterStats& poll) { return poll.deadLetterCount; });
    if (polls <= 0 || growthStreak(values) < polls)
        return std::nullopt;
    return makeIssue(healthrule::DeadLettersGrowing, Severity::Warning,
        u"Dead letters grew in each of the last %1 polls, from %2 to %3"_s.arg(
            QString::number(polls), QString::number(values.at(values.size() - 1 - polls)),
            QString::number(values.constLast())));
}

std::optional<HealthIssue> backlogGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config)
{
    const int polls = config.backlogGrowthPolls;
    const QList<qint64> values = seriesOf(series, &runnableBacklog);
    if (polls <= 0 || growthStreak(values) < polls)
        return std::nullopt;
    return makeIssue(healthrule::BacklogGrowing, Severity::Warning,
        u"Queued work grew in each of the last %1 polls, from %2 to %3 jobs"_s.arg(
            QString::number(polls), QString::number(values.at(values.size() - 1 - polls)),
            QString::number(values.constLast())));
}

} // namespace qd::healthrules
