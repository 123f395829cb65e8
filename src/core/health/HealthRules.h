#pragma once

#include "core/config/Config.h"
#include "core/health/HealthIssue.h"
#include "core/stats/ClusterStats.h"
#include "core/stats/PollFailure.h"

#include <QList>

#include <optional>

// The health rules, one function each, so every rule can be read and tested on its own.
// Each returns the issue it finds, or nothing. docs/health-and-anomalies.md explains each.
namespace qd::healthrules {

// Jobs in queues that are not paused: the work the workers are expected to take.
qint64 runnableBacklog(const ClusterStats& stats);

std::optional<HealthIssue> unreachable(const PollFailure& failure);
std::optional<HealthIssue> latency(const ClusterStats& latest, const HealthConfig& config);
// Whether the queues made progress between `previous` and `latest`: completed or dead letters
// grew, or the work in queues that are not paused shrank. Somebody is working then, seen or not.
bool draining(const ClusterStats& previous, const ClusterStats& latest);
// Queued work, no live heartbeat, no worker seen within the roster's window (a WorkerStat with
// lastSeen), and, when `previous` is given, the queues not draining.
std::optional<HealthIssue> noLiveWorkers(
    const ClusterStats& latest, const ClusterStats* previous = nullptr);
std::optional<HealthIssue> deadLetters(const ClusterStats& latest, const HealthConfig& config);
// One worker whose jobs sit in its processing list without a heartbeat, past the evidence
// HealthEvidence asks for. heldForMs: how long it has held them without a heartbeat, as far as
// the polls can tell (0: unknown).
struct OrphanedWorker {
    QString id;
    qint64 jobs = 0;
    qint64 heldForMs = 0;
    friend bool operator==(const OrphanedWorker&, const OrphanedWorker&) = default;
};
// Every orphaned worker of one poll, without any evidence over time (for stateless callers).
QList<OrphanedWorker> orphansOf(const ClusterStats& latest);
std::optional<HealthIssue> orphanedProcessing(const ClusterStats& latest);
// heartbeatTtlMs: a worker that has held its jobs longer than this is named with its age.
std::optional<HealthIssue> orphanedProcessing(
    const QList<OrphanedWorker>& orphans, qint64 heartbeatTtlMs);
std::optional<HealthIssue> memory(const ClusterStats& latest, const HealthConfig& config);

// `series`: successful polls oldest first, ending with the latest.
std::optional<HealthIssue> deadLettersGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config);
std::optional<HealthIssue> backlogGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config);

} // namespace qd::healthrules
