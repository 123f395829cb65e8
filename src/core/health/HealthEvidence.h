#pragma once

#include "core/config/Config.h"
#include "core/health/HealthMonitor.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthRules.h"
#include "core/stats/ClusterStats.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace qd {

// One cluster's evidence over time, so that a verdict rests on what held, not on one snapshot.
// HealthMonitor says what each poll shows; this remembers since when each rule's condition has
// held and reports a rule only once it has held for the rule's `for` time, in every poll since
// (which takes at least two polls when `for` is above 0); a reported rule clears once its
// condition has been gone for `recover`. Orphaned processing lists are judged per worker, after
// at least two polls: a worker whose heartbeat ran out while it held its job once the rule's
// `for` time has passed, a worker holding jobs that no heartbeat was ever seen for (a worker
// between taking a job and marking itself looks like that for a moment) only after the
// heartbeat TTL. Time is the polls' own (polledAt, or the failure's time),
// so the same polls always give the same verdicts.
//
// One per cluster, fed every poll attempt in order; a cluster removed and added again starts
// afresh.
class HealthEvidence final {
public:
    // Judges the newest attempt: `monitor` finds the conditions, the timings of its config
    // decide which are reported. heartbeatTtlMs: the cluster's configured heartbeat TTL.
    HealthReport judge(const HealthMonitor& monitor, const QString& cluster,
        const ClusterStats* latest, const std::optional<PollFailure>& failure,
        const QList<ClusterStats>& earlier, qint64 heartbeatTtlMs);

    // The workers currently reported as orphaned (after judge()).
    const QList<healthrules::OrphanedWorker>& orphans() const { return m_orphans; }
    void reset();

private:
    struct RuleState {
        QDateTime since; // the first poll of the current run in which the condition held
        QDateTime goneSince; // a reported rule: the first poll in which it no longer held
        bool reported = false;
        HealthIssue last; // what was reported, kept while the rule recovers
    };
    struct WorkerState {
        QDateTime heartbeatExpires; // when the heartbeat seen last would run out
        bool liveLastPoll = false; // the previous poll saw its heartbeat
        QDateTime orphanSince; // first poll of the current run holding jobs without a heartbeat
        int orphanPolls = 0;
        // The run began when the heartbeat seen until then ran out: the worker stopped beating
        // in the middle of its job. Otherwise no heartbeat was ever seen for these jobs, which a
        // healthy worker shows only in the moment between taking a job and marking itself.
        bool expired = false;
    };

    void observeWorkers(const ClusterStats& latest, const HealthConfig& config, qint64 ttlMs);
    HealthReport confirm(const HealthReport& instant, const HealthConfig& config);

    QHash<QString, RuleState> m_rules;
    QHash<QString, WorkerState> m_workers;
    QList<healthrules::OrphanedWorker> m_orphans;
    std::optional<HealthReport> m_last; // the last judged report that was not "unknown"
};

} // namespace qd
