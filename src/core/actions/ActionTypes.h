#pragma once

#include "core/actions/ActionCatalog.h"
#include "core/config/ClusterConfig.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace qd {

struct ClusterStats;

// The rules every face of the engine shares, read from the action catalog: which parameters a
// type takes and their limits, and the sentence a confirmation shows for one target.
namespace actiontypes {

bool isKnown(const QString& type);
bool isReadOnly(const QString& type); // peek
bool isDestructive(const QString& type); // purge_dlq, requeue_dlq

// Throws ActionError(InvalidParameter, field) naming the parameter at fault.
void validate(const QString& type, const QJsonObject& parameters, const ClusterConfig& cluster);

// What happens on one cluster: "purge 1 204 dead letters". Stats are the cached ones and may be
// absent (then the sentence says the count is not known yet).
QString effect(const QString& type, const QJsonObject& parameters,
    const std::optional<ClusterStats>& stats, TextLanguage language = TextLanguage::English);
// The confirmation of one target: "purge 1 204 dead letters on Production (prod.redis…:6379)".
QString describe(const QString& type, const QJsonObject& parameters, const ClusterConfig& cluster,
    const std::optional<ClusterStats>& stats, TextLanguage language = TextLanguage::English);
// The confirmation of one target with its {placeholders} left in, in English.
QString confirmationTemplate(const ActionTypeSpec& spec);

// The list key a queue parameter names: a configured queue name, or "dead_letter".
QString queueKey(const ClusterConfig& cluster, const QString& queue);
QString benchQueueKey(const QString& actionId);

} // namespace actiontypes
} // namespace qd
