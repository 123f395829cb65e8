#pragma once

#include "core/compare/Anomaly.h"
#include "core/compare/AnomalyThresholds.h"
#include "core/compare/CompareInput.h"
#include "core/compare/MetricSpec.h"
#include "core/compare/RobustStats.h"

#include <QList>

#include <optional>

namespace qd {

// Finds clusters that look unlike the others (deviation) or unlike their own recent past
// (backlog_jump, error_rate_spike, worker_drop). Pure: plain data in, anomalies out.
class AnomalyDetector final {
public:
    explicit AnomalyDetector(
        double deltaThresholdPercent = 10.0, AnomalyThresholds thresholds = {});

    double deltaThreshold() const { return m_deltaThreshold; }
    void setDeltaThreshold(double percent) { m_deltaThreshold = percent; }
    const AnomalyThresholds& thresholds() const { return m_thresholds; }

    // deviations() and every cluster's temporal(), worst first. Clusters are told apart by
    // name; a repeated name is ignored.
    QList<Anomaly> detect(const QList<CompareInput>& clusters) const;
    // Per cluster-wide metric: with three or more known values, the median and MAD of the
    // clusters; with two, the pair's relative delta, blamed on the one that left its baseline.
    QList<Anomaly> deviations(const QList<CompareInput>& clusters) const;
    // One cluster against its own recent polls; needs no other cluster.
    QList<Anomaly> temporal(const CompareInput& cluster) const;

private:
    struct Observed {
        const CompareInput* input = nullptr;
        double value = 0;
    };

    void amongMany(const MetricSpec& spec, const QList<Observed>& seen, QList<Anomaly>& out) const;
    void withinPair(
        const MetricSpec& spec, const Observed& a, const Observed& b, QList<Anomaly>& out) const;
    std::optional<robust::Spread> baselineOf(
        const CompareInput& input, const MetricSpec& spec) const;
    bool departs(double value, const robust::Spread& baseline, const MetricSpec& spec) const;
    // A temporal anomaly when the metric moved by at least `minRatio` of its baseline in
    // `direction` (+1 up, -1 down).
    std::optional<Anomaly> shift(const CompareInput& input, QStringView type,
        const MetricSpec& spec, int direction, double minRatio) const;

    double m_deltaThreshold = 10.0; // percent: compare_mode.delta_threshold
    AnomalyThresholds m_thresholds;
};

} // namespace qd
