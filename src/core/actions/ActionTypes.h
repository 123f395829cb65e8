#pragma once

#include "core/config/ClusterConfig.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace qd {

struct ClusterStats;

// What QueueDeck knows about each action type: whether it changes data, its parameters and
// their validation, and the sentence a confirmation shows for one target.
namespace actiontypes {

bool isKnown(const QString& type);
bool isReadOnly(const QString& type); // peek
bool isDestructive(const QString& type); // purge_dlq, requeue_dlq

// Throws ActionError(InvalidParameter, field) naming the parameter at fault.
void validate(const QString& type, const QJsonObject& parameters, const ClusterConfig& cluster);

// "purge 1 204 dead letters on Production (prod.redis…:6379)"; stats are the cached ones and
// may be absent (then the sentence says the count is not known yet).
QString describe(const QString& type, const QJsonObject& parameters, const ClusterConfig& cluster,
    const std::optional<ClusterStats>& stats);

// The list key a queue parameter names: a configured queue name, or "dead_letter".
QString queueKey(const ClusterConfig& cluster, const QString& queue);
QString benchQueueKey(const QString& actionId);

} // namespace actiontypes
} // namespace qd
