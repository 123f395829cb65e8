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

QJsonObject compareResultToJson(const CompareResult& result)
{
    QJsonObject metrics;
    QJsonArray order;
    for (const CompareMetric& m : result.metrics) {
        QJsonObject values;
        for (auto it = m.values.cbegin(); it != m.values.cend(); ++it)
            values.insert(it.key(), it.value());
        metrics.insert(m.name,
            QJsonObject {{u"name"_s, m.name}, {u"values"_s, values}, {u"delta"_s, m.delta},
                {u"unit"_s, m.unit},
                {u"highlighted"_s, QJsonArray::fromStringList(m.highlighted)}});
        order.append(m.name);
    }
    QJsonArray anomalies;
    for (const Anomaly& a : result.anomalies)
        anomalies.append(anomalyToJson(a));
    return {{u"clusters"_s, QJsonArray::fromStringList(result.clusters)}, {u"metrics"_s, metrics},
        {u"anomalies"_s, anomalies}, {u"metric_order"_s, order}};
}

} // namespace qd::api
