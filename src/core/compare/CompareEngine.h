#pragma once

#include "core/compare/AnomalyDetector.h"
#include "core/compare/CompareInput.h"
#include "core/compare/CompareResult.h"
#include "core/compare/MetricSpec.h"
#include "core/config/Config.h"

#include <QList>

namespace qd {

// Builds the compare result of the API: each metric side by side with its delta, the clusters
// whose value is beyond delta_threshold marked for highlighting, and the anomalies; plus the
// worker figures (MetricSpec::workerDetails), marked by the same rule.
class CompareEngine final {
public:
    explicit CompareEngine(CompareModeConfig config = {}, AnomalyThresholds thresholds = {});

    const CompareModeConfig& config() const { return m_config; }
    void setConfig(const CompareModeConfig& config);

    // The API asks for two or more clusters (it answers 400 otherwise); fewer still
    // give a well-formed result, with deltas of 0 and only temporal anomalies.
    CompareResult compare(const QList<CompareInput>& clusters) const;

    // The metrics a compare of these clusters shows: the six aggregates, then one
    // queue_size:<queue> per queue name configured on any of them, in order of appearance.
    static QList<MetricSpec> metricsFor(const QList<CompareInput>& clusters);

private:
    CompareMetric compareMetric(const MetricSpec& spec, const QList<CompareInput>& clusters) const;
    QStringList highlightedOf(const MetricSpec& spec, const QMap<QString, double>& values) const;

    CompareModeConfig m_config;
    AnomalyDetector m_detector;
};

} // namespace qd
