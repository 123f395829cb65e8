#pragma once

#include <QJsonObject>

namespace qd {
struct CompareResult;
struct Anomaly;
} // namespace qd

namespace qd::api {

// The compare answer of the API specification: clusters, metrics keyed by name ({name, values,
// delta, unit}) and anomalies; plus "highlighted" per metric, "metric_order" (JSON objects have no
// order) and "worker_metrics" (the worker figures, keyed and shaped like "metrics").
QJsonObject compareResultToJson(const CompareResult& result);
QJsonObject anomalyToJson(const Anomaly& anomaly);

} // namespace qd::api
