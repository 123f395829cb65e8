#include "api/json/CompareResultJson.h"

#include "core/compare/CompareResult.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {

QJsonObject anomalyToJson(const Anomaly& a)
{
    return {{u"type"_s, a.type}, {u"cluster"_s, a.cluster}, {u"metric"_s, a.metric},
        {u"description"_s, a.description}, {u"value"_s, a.value}, {u"expected"_s, a.expected},
        {u"severity"_s, severityName(a.severity)}};
}

namespace {

// An object keyed by metric name; `order` receives the names as they come.
QJsonObject metricsToJson(const QList<CompareMetric>& list, QJsonArray* order = nullptr)
{
    QJsonObject metrics;
    for (const CompareMetric& m : list) {
        QJsonObject values;
        for (auto it = m.values.cbegin(); it != m.values.cend(); ++it)
            values.insert(it.key(), it.value());
        metrics.insert(m.name,
            QJsonObject {{u"name"_s, m.name}, {u"values"_s, values}, {u"delta"_s, m.delta},
                {u"unit"_s, m.unit},
                {u"highlighted"_s, QJsonArray::fromStringList(m.highlighted)}});
        if (order)
            order->append(m.name);
    }
    return metrics;
}

} // namespace

QJsonObject compareResultToJson(const CompareResult& result)
{
    QJsonArray order;
    const QJsonObject metrics = metricsToJson(result.metrics, &order);
    QJsonArray anomalies;
    for (const Anomaly& a : result.anomalies)
        anomalies.append(anomalyToJson(a));
    return {{u"clusters"_s, QJsonArray::fromStringList(result.clusters)}, {u"metrics"_s, metrics},
        {u"worker_metrics"_s, metricsToJson(result.workerMetrics)}, {u"anomalies"_s, anomalies},
        {u"metric_order"_s, order}};
}

} // namespace qd::api
