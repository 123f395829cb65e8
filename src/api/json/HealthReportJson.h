#pragma once

#include <QJsonObject>

namespace qd {
struct HealthReport;
}

namespace qd::api {

// The seed's health answer (healthy, issues, metrics, last_checked) plus QueueDeck's cluster,
// status, reachable and stats_at.
QJsonObject healthReportToJson(const HealthReport& report);

} // namespace qd::api
