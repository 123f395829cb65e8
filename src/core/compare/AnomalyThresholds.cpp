#include "core/compare/AnomalyThresholds.h"

namespace qd {

Severity AnomalyThresholds::severityFor(double relative) const
{
    if (relative >= criticalFrom)
        return Severity::Critical;
    return relative >= warningFrom ? Severity::Warning : Severity::Info;
}

} // namespace qd
