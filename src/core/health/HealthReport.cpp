#include "core/health/HealthReport.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd {

Severity HealthReport::worstSeverity() const
{
    Severity worst = Severity::Info;
    for (const HealthIssue& item : issues)
        worst = std::max(worst, item.severity);
    return worst;
}

bool HealthReport::hasIssue(QStringView rule) const
{
    return issue(rule) != nullptr;
}

const HealthIssue* HealthReport::issue(QStringView rule) const
{
    const auto found = std::find_if(issues.cbegin(), issues.cend(),
        [rule](const HealthIssue& item) { return item.rule == rule; });
    return found == issues.cend() ? nullptr : &*found;
}

QString HealthReport::summary() const
{
    if (issues.isEmpty())
        return healthStatusName(status);
    const HealthIssue* worst = &issues.first();
    for (const HealthIssue& item : issues) {
        if (item.severity > worst->severity)
            worst = &item;
    }
    QString line = worst->message;
    if (issues.size() > 1)
        line += u" (+%1 more)"_s.arg(issues.size() - 1);
    return line;
}

} // namespace qd
