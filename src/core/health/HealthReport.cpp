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

QString HealthReport::summary(HealthWords::Language language) const
{
    const HealthWords w(language);
    if (issues.isEmpty()) {
        switch (status) {
        case HealthStatus::Healthy:
            return w(QT_TRANSLATE_NOOP("qd::HealthWords", "healthy"));
        case HealthStatus::Degraded:
            return w(QT_TRANSLATE_NOOP("qd::HealthWords", "degraded"));
        case HealthStatus::Unhealthy:
            return w(QT_TRANSLATE_NOOP("qd::HealthWords", "unhealthy"));
        case HealthStatus::Unknown:
            break;
        }
        return w(QT_TRANSLATE_NOOP("qd::HealthWords", "unknown"));
    }
    const HealthIssue* worst = &issues.first();
    for (const HealthIssue& item : issues) {
        if (item.severity > worst->severity)
            worst = &item;
    }
    if (issues.size() == 1)
        return language == HealthWords::Language::English ? worst->message : worst->localMessage;
    return w(
        QT_TRANSLATE_N_NOOP("qd::HealthWords", "%1 (+%n more)|%1 (+%n more)"), issues.size() - 1)
        .arg(language == HealthWords::Language::English ? worst->message : worst->localMessage);
}

} // namespace qd
