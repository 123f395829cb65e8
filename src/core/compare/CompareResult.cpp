#include "core/compare/CompareResult.h"

#include <algorithm>

namespace qd {

const CompareMetric* CompareResult::metric(QStringView name) const
{
    const auto found = std::find_if(metrics.cbegin(), metrics.cend(),
        [name](const CompareMetric& metric) { return metric.name == name; });
    return found == metrics.cend() ? nullptr : &*found;
}

QList<Anomaly> CompareResult::anomaliesOf(const QString& cluster) const
{
    QList<Anomaly> found;
    for (const Anomaly& anomaly : anomalies) {
        if (anomaly.cluster == cluster)
            found.append(anomaly);
    }
    return found;
}

} // namespace qd
