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
std::optional<HealthIssue> noLiveWorkers(const ClusterStats& latest);
std::optional<HealthIssue> deadLetters(const ClusterStats& latest, const HealthConfig& config);
std::optional<HealthIssue> orphanedProcessing(const ClusterStats& latest);
std::optional<HealthIssue> memory(const ClusterStats& latest, const HealthConfig& config);

// `series`: successful polls oldest first, ending with the latest.
std::optional<HealthIssue> deadLettersGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config);
std::optional<HealthIssue> backlogGrowing(
    const QList<ClusterStats>& series, const HealthConfig& config);

} // namespace qd::healthrules
