#include "core/health/HealthEvidence.h"

#include <QSet>

#include <algorithm>
#include <utility>

namespace qd {

namespace {

void finish(HealthReport& report)
{
    std::stable_sort(report.issues.begin(), report.issues.end(),
        [](const HealthIssue& a, const HealthIssue& b) { return a.severity > b.severity; });
    if (!report.reachable) {
        report.status = report.issues.isEmpty() ? HealthStatus::Unknown : HealthStatus::Unhealthy;
        report.healthy = false;
        return;
    }
    report.status = healthStatusFor(report.worstSeverity(), !report.issues.isEmpty());
    report.healthy = report.status != HealthStatus::Unhealthy;
}

} // namespace

void HealthEvidence::reset()
{
    m_rules.clear();
    m_workers.clear();
    m_orphans.clear();
    m_last.reset();
}

void HealthEvidence::observeWorkers(
    const ClusterStats& latest, const HealthConfig& config, qint64 ttlMs)
{
    const QDateTime now = latest.polledAt;
    QSet<QString> listed;
    m_orphans.clear();
    for (const WorkerStat& worker : latest.workers) {
        listed.insert(worker.id);
        WorkerState& state = m_workers[worker.id];
        const bool wasLive = std::exchange(state.liveLastPoll, worker.live());
        if (worker.live()) {
            state.heartbeatExpires = now.addMSecs(worker.heartbeatTtlMs.value_or(0));
            state.orphanSince = {};
            state.orphanPolls = 0;
            continue;
        }
        if (worker.processingLength <= 0) {
            state.orphanSince = {};
            state.orphanPolls = 0;
            continue;
        }
        if (!state.orphanSince.isValid()) {
            state.orphanSince = now;
            // Gone at the time it was due to run out, not deleted early by a finished job.
            state.expired
                = wasLive && state.heartbeatExpires.isValid() && now >= state.heartbeatExpires;
        }
        ++state.orphanPolls;
        const qint64 forMs = config.orphanedProcessing.forDuration.count();
        const qint64 requiredMs = state.expired ? forMs : std::max(forMs, ttlMs);
        const qint64 heldMs = state.orphanSince.msecsTo(now);
        if (state.orphanPolls >= 2 && heldMs >= requiredMs) {
            // An expired heartbeat dates the job back to when it ran out at the latest.
            const QDateTime heldSince = state.expired ? state.heartbeatExpires : state.orphanSince;
            m_orphans.append({worker.id, worker.processingLength, heldSince.msecsTo(now)});
        }
    }
    m_workers.removeIf([&listed](const auto& it) { return !listed.contains(it.key()); });
}

HealthReport HealthEvidence::judge(const HealthMonitor& monitor, const QString& cluster,
    const ClusterStats* latest, const std::optional<PollFailure>& failure,
    const QList<ClusterStats>& earlier, qint64 heartbeatTtlMs)
{
    const HealthConfig& config = monitor.config();
    HealthReport instant = monitor.evaluate(cluster, latest, failure, earlier);
    if (instant.status == HealthStatus::Unknown)
        return instant; // nothing polled yet: no evidence either way
    if (!instant.reachable) {
        // What held before the outage says nothing about what holds after it.
        m_workers.clear();
        m_orphans.clear();
        m_rules.removeIf([](const auto& it) { return it.key() != healthrule::Unreachable; });
    } else {
        observeWorkers(*latest, config, heartbeatTtlMs);
        HealthMonitor::Context context;
        context.orphans = m_orphans;
        // The elapsed time is shown past the TTL only when the TTL is known.
        context.heartbeatTtlMs = heartbeatTtlMs;
        instant = monitor.evaluate(cluster, latest, failure, earlier, context);
    }
    return confirm(instant, config);
}

HealthReport HealthEvidence::confirm(const HealthReport& instant, const HealthConfig& config)
{
    const QDateTime now = instant.lastChecked;
    HealthReport report = instant;
    report.issues.clear();
    QSet<QString> present;
    for (const HealthIssue& issue : instant.issues) {
        present.insert(issue.rule);
        RuleState& state = m_rules[issue.rule];
        if (!state.since.isValid())
            state.since = now;
        state.goneSince = {};
        const HealthRuleTiming* timing = config.timing(issue.rule);
        // Orphans already had their time, worker by worker.
        const qint64 forMs = timing == nullptr || issue.rule == healthrule::OrphanedProcessing
            ? 0
            : timing->forDuration.count();
        if (state.reported || state.since.msecsTo(now) >= forMs) {
            state.reported = true;
            state.last = issue;
            report.issues.append(issue);
        }
    }
    for (auto it = m_rules.begin(); it != m_rules.end();) {
        RuleState& state = *it;
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        if (!state.reported) {
            it = m_rules.erase(it);
            continue;
        }
        if (!state.goneSince.isValid())
            state.goneSince = now;
        const HealthRuleTiming* timing = config.timing(it.key());
        const qint64 recoverMs = timing == nullptr ? 0 : timing->recover.count();
        if (state.goneSince.msecsTo(now) >= recoverMs) {
            it = m_rules.erase(it);
            continue;
        }
        report.issues.append(state.last);
        ++it;
    }
    if (!instant.reachable && !report.hasIssue(healthrule::Unreachable)) {
        // An outage shorter than its `for` time: the verdict before it stands, checked later.
        if (m_last) {
            HealthReport kept = *m_last;
            kept.lastChecked = instant.lastChecked;
            return kept;
        }
        HealthReport unknown = instant;
        unknown.issues.clear();
        unknown.status = HealthStatus::Unknown;
        unknown.healthy = false;
        return unknown;
    }
    finish(report);
    m_last = report;
    return report;
}

} // namespace qd
