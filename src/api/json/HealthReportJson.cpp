#include "api/json/HealthReportJson.h"

#include "api/json/JsonTime.h"
#include "core/health/HealthReport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {

QJsonObject healthReportToJson(const HealthReport& r)
{
    QJsonArray issues;
    for (const HealthIssue& issue : r.issues) {
        issues.append(QJsonObject {{u"rule"_s, issue.rule},
            {u"severity"_s, severityName(issue.severity)}, {u"message"_s, issue.message}});
    }
    return {
        {u"cluster"_s, r.cluster},
        {u"healthy"_s, r.healthy},
        {u"status"_s, healthStatusName(r.status)},
        {u"reachable"_s, r.reachable},
        {u"issues"_s, issues},
        {u"metrics"_s,
            QJsonObject {{u"latency_ms"_s, r.metrics.latencyMs},
                {u"worker_count"_s,
                    r.metrics.workerCount ? QJsonValue(*r.metrics.workerCount)
                                          : QJsonValue(QJsonValue::Null)},
                {u"dead_letter_count"_s,
                    r.metrics.deadLetterCount ? QJsonValue(*r.metrics.deadLetterCount)
                                              : QJsonValue(QJsonValue::Null)}}},
        {u"last_checked"_s, jsonTime(r.lastChecked)},
        {u"stats_at"_s, jsonTime(r.statsAt)},
    };
}

} // namespace qd::api
