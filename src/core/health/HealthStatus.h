#pragma once

#include "core/util/Severity.h"

#include <QString>

namespace qd {

// A cluster's health in one word, for tab dots, the tray colour and the API's "status".
// Unknown: nothing polled yet. Healthy: no issue at Warning or above. Degraded: the worst
// issue is a Warning. Unhealthy: unreachable, or an issue at Error or Critical.
enum class HealthStatus { Unknown, Healthy, Degraded, Unhealthy };

QString healthStatusName(HealthStatus status); // "unknown", "healthy", "degraded", "unhealthy"
HealthStatus healthStatusFromName(QStringView name); // Unknown for any other word

// The status that issues of this worst severity give a reachable cluster.
HealthStatus healthStatusFor(Severity worst, bool hasIssues);

} // namespace qd
