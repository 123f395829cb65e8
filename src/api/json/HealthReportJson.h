#pragma once

#include <QJsonObject>

namespace qd {
struct HealthReport;
}

namespace qd::api {

// The health answer of the API specification (healthy, issues, metrics, last_checked) plus
// QueueDeck's cluster, status, reachable and stats_at.
QJsonObject healthReportToJson(const HealthReport& report);

} // namespace qd::api
