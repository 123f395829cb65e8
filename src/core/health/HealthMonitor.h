#pragma once

#include "core/config/Config.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthRules.h"
#include "core/stats/ClusterStats.h"
#include "core/stats/PollFailure.h"

#include <QList>

#include <optional>

namespace qd {

// What a cluster's HealthEvidence knows beyond the polls themselves.
struct HealthContext {
    // The workers orphaned long enough to report; nullopt: no evidence is kept, every
    // orphaned worker of the newest poll is reported (stateless callers and tests).
    std::optional<QList<healthrules::OrphanedWorker>> orphans;
    qint64 heartbeatTtlMs = 0; // 0: unknown
};

// Judges one cluster's health from plain poll data: the newest successful poll, whether the
// attempt after it failed, and the recent polls for the "growing across N polls" rules.
// Stateless: the same inputs always give the same report (transitions are HealthTracker's).
class HealthMonitor final {
public:
    using Context = HealthContext;

    explicit HealthMonitor(const HealthConfig& config = {});

    const HealthConfig& config() const { return m_config; }
    void setConfig(const HealthConfig& config) { m_config = config; }

    // latest:  the newest successful poll, nullptr before the first one.
    // failure: set when the most recent attempt failed; one older than `latest` is stale
    //          (a success came after it) and ignored.
    // earlier: the successful polls before `latest`, oldest first (latest itself not among
    //          them); the growth rules read the newest of them.
    HealthReport evaluate(const QString& cluster, const ClusterStats* latest,
        const std::optional<PollFailure>& failure, const QList<ClusterStats>& earlier,
        const Context& context = HealthContext()) const;

private:
    QList<HealthIssue> issuesOf(const ClusterStats& latest, const QList<ClusterStats>& series,
        const Context& context) const;

    HealthConfig m_config;
};

} // namespace qd
