#pragma once

#include <QJsonObject>

namespace qd {
struct CompareResult;
struct Anomaly;
} // namespace qd

namespace qd::api {

// The specified compare answer: clusters, metrics keyed by name ({name, values, delta, unit}) and
// anomalies; plus "highlighted" per metric and "metric_order" (JSON objects have no order).
QJsonObject compareResultToJson(const CompareResult& result);
QJsonObject anomalyToJson(const Anomaly& anomaly);

} // namespace qd::api
