#include "core/compare/CompareEngine.h"

#include "core/compare/RobustStats.h"

#include <QSet>

#include <algorithm>

namespace qd {

CompareEngine::CompareEngine(CompareModeConfig config, AnomalyThresholds thresholds)
    : m_config(std::move(config)), m_detector(m_config.deltaThreshold, thresholds)
{
}

void CompareEngine::setConfig(const CompareModeConfig& config)
{
    m_config = config;
    m_detector.setDeltaThreshold(config.deltaThreshold);
}

CompareResult CompareEngine::compare(const QList<CompareInput>& clusters) const
{
    QList<CompareInput> unique;
    for (const CompareInput& input : clusters) {
        const bool seen = std::any_of(unique.cbegin(), unique.cend(),
            [&input](const CompareInput& kept) { return kept.cluster == input.cluster; });
        if (!seen)
            unique.append(input);
    }

    CompareResult result;
    for (const CompareInput& input : unique)
        result.clusters.append(input.cluster);
    for (const MetricSpec& spec : metricsFor(unique))
        result.metrics.append(compareMetric(spec, unique));
    for (const MetricSpec& spec : MetricSpec::workerDetails())
        result.workerMetrics.append(compareMetric(spec, unique));
    result.anomalies = m_detector.detect(unique);
    return result;
}

QList<MetricSpec> CompareEngine::metricsFor(const QList<CompareInput>& clusters)
{
    QList<MetricSpec> specs = MetricSpec::aggregates();
    QSet<QString> queues;
    for (const CompareInput& input : clusters) {
        for (const QueueStat& queue : input.current.queues) {
            if (!queues.contains(queue.name)) {
                queues.insert(queue.name);
                specs.append(MetricSpec::queueSize(queue.name));
            }
        }
    }
    return specs;
}

CompareMetric CompareEngine::compareMetric(
    const MetricSpec& spec, const QList<CompareInput>& clusters) const
{
    CompareMetric metric;
    metric.name = spec.name;
    metric.unit = spec.unit;
    for (const CompareInput& input : clusters) {
        if (const auto value = spec.read(input.current))
            metric.values.insert(input.cluster, *value);
    }
    if (metric.values.size() >= 2) {
        const auto [low, high] = std::minmax_element(metric.values.cbegin(), metric.values.cend());
        metric.delta = *high - *low;
    }
    if (m_config.highlightDeltas)
        metric.highlighted = highlightedOf(spec, metric.values);
    return metric;
}

QStringList CompareEngine::highlightedOf(
    const MetricSpec& spec, const QMap<QString, double>& values) const
{
    // Highlighting shows where the numbers differ, not who is to blame (that is the
    // anomalies' job): a pair that differs enough has both sides marked; among three or more,
    // the clusters far enough from the median.
    QStringList marked;
    if (values.size() < 2)
        return marked;
    const double reference = robust::median(values.values());
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const double difference
            = values.size() == 2 ? (values.first() - values.last()) : (it.value() - reference);
        if (spec.significant(difference, reference, m_config.deltaThreshold))
            marked.append(it.key());
    }
    return marked;
}

} // namespace qd
