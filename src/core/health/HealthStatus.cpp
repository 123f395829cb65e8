#include "core/health/HealthStatus.h"

namespace qd {

QString healthStatusName(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Unknown:
        return QStringLiteral("unknown");
    case HealthStatus::Healthy:
        return QStringLiteral("healthy");
    case HealthStatus::Degraded:
        return QStringLiteral("degraded");
    case HealthStatus::Unhealthy:
        return QStringLiteral("unhealthy");
    }
    return {};
}

HealthStatus healthStatusFromName(QStringView name)
{
    for (const HealthStatus status :
        {HealthStatus::Healthy, HealthStatus::Degraded, HealthStatus::Unhealthy}) {
        if (name == healthStatusName(status))
            return status;
    }
    return HealthStatus::Unknown;
}

HealthStatus healthStatusFor(Severity worst, bool hasIssues)
{
    // Info issues are notes (e.g. a paused queue explains a backlog); they never degrade.
    if (!hasIssues || worst == Severity::Info)
        return HealthStatus::Healthy;
    return worst == Severity::Warning ? HealthStatus::Degraded : HealthStatus::Unhealthy;
}

} // namespace qd
