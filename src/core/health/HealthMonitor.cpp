#include "core/health/HealthMonitor.h"

#include "core/health/HealthRules.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd {

namespace {

bool failureIsCurrent(const PollFailure& failure, const ClusterStats* latest)
{
    if (latest == nullptr || !failure.at.isValid() || !latest->polledAt.isValid())
        return true;
    return failure.at >= latest->polledAt;
}

} // namespace

HealthMonitor::HealthMonitor(const HealthConfig& config) : m_config(config)
{
}

HealthReport HealthMonitor::evaluate(const QString& cluster, const ClusterStats* latest,
    const std::optional<PollFailure>& failure, const QList<ClusterStats>& earlier,
    const Context& context) const
{
    HealthReport report;
    report.cluster = cluster;
    if (latest != nullptr) {
        report.metrics = {latest->latencyMs, latest->workerCount,
            latest->deadLettersKnown ? std::optional<qint64>(latest->deadLetterCount)
                                     : std::nullopt};
        report.statsAt = latest->polledAt;
        report.lastChecked = latest->polledAt;
    }

    if (failure && failureIsCurrent(*failure, latest)) {
        // Only the failure counts: rules run on stale figures would report problems that may
        // be gone (or miss new ones) while we cannot look.
        if (failure->at.isValid())
            report.lastChecked = failure->at;
        report.issues.append(*healthrules::unreachable(*failure));
        report.status = HealthStatus::Unhealthy;
        return report;
    }
    if (latest == nullptr) {
        report.issues.append(
            HealthWords::issue(healthrule::NotPolledYet, Severity::Info, [](const HealthWords& w) {
                return w(QT_TRANSLATE_NOOP(
                    "qd::HealthWords", "No poll of this cluster has completed yet"));
            }));
        return report; // status Unknown, not healthy: nothing is known either way
    }

    QList<ClusterStats> series = earlier;
    series.append(*latest);
    report.reachable = true;
    report.issues = issuesOf(*latest, series, context);
    report.status = healthStatusFor(report.worstSeverity(), !report.issues.isEmpty());
    report.healthy = report.status != HealthStatus::Unhealthy;
    return report;
}

QList<HealthIssue> HealthMonitor::issuesOf(
    const ClusterStats& latest, const QList<ClusterStats>& series, const Context& context) const
{
    // series ends with latest; the poll before it tells whether the queues are draining.
    const ClusterStats* previous = series.size() >= 2 ? &series.at(series.size() - 2) : nullptr;
    const std::optional<HealthIssue> found[] = {
        healthrules::noLiveWorkers(latest, previous),
        healthrules::latency(latest, m_config),
        healthrules::memory(latest, m_config),
        healthrules::deadLetters(latest, m_config),
        healthrules::deadLettersGrowing(series, m_config),
        healthrules::backlogGrowing(series, m_config),
        context.orphans ? healthrules::orphanedProcessing(*context.orphans, context.heartbeatTtlMs)
                        : healthrules::orphanedProcessing(latest),
    };
    QList<HealthIssue> issues;
    for (const std::optional<HealthIssue>& issue : found) {
        if (issue)
            issues.append(*issue);
    }
    // Worst first, rule order otherwise: the first issue is the one to read.
    std::stable_sort(issues.begin(), issues.end(),
        [](const HealthIssue& a, const HealthIssue& b) { return a.severity > b.severity; });
    return issues;
}

} // namespace qd
