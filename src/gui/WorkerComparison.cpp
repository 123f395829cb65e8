#include "gui/WorkerComparison.h"

#include "core/compare/MetricSpec.h"
#include "core/compare/RobustStats.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

QList<MetricSpec> workerSpecs()
{
    const auto known
        = [](const ClusterStats& s) { return std::optional<double>(double(s.workers.size())); };
    const auto busy = [](const ClusterStats& s) {
        return std::optional<double>(double(std::count_if(s.workers.cbegin(), s.workers.cend(),
            [](const WorkerStat& w) { return w.processingLength > 0; })));
    };
    const auto orphaned = [](const ClusterStats& s) {
        return std::optional<double>(double(s.orphanedWorkers().size()));
    };
    const auto oldest = [](const ClusterStats& s) -> std::optional<double> {
        qint64 worst = -1;
        for (const WorkerStat& w : s.workers)
            worst = std::max(worst, w.heartbeatAgeMs.value_or(-1));
        return worst < 0 ? std::nullopt : std::optional<double>(double(worst));
    };
    // Floors as the engine's: small absolute differences are never news.
    return {MetricSpec {u"known_workers"_s, u"workers"_s, 2, known},
        MetricSpec {u"busy_workers"_s, u"workers"_s, 2, busy},
        MetricSpec {u"orphaned_workers"_s, u"workers"_s, 1, orphaned},
        MetricSpec {u"oldest_heartbeat_ms"_s, u"ms"_s, 5000, oldest}};
}

} // namespace

QList<CompareMetric> WorkerComparison::compare(
    const QMap<QString, ClusterStats>& stats, const CompareModeConfig& config)
{
    QList<CompareMetric> metrics;
    for (const MetricSpec& spec : workerSpecs()) {
        CompareMetric metric;
        metric.name = spec.name;
        metric.unit = spec.unit;
        for (auto it = stats.cbegin(); it != stats.cend(); ++it) {
            if (const auto value = spec.read(*it))
                metric.values.insert(it.key(), *value);
        }
        if (metric.values.size() >= 2) {
            const auto [low, high]
                = std::minmax_element(metric.values.cbegin(), metric.values.cend());
            metric.delta = *high - *low;
            const double reference = robust::median(metric.values.values());
            for (auto it = metric.values.cbegin(); it != metric.values.cend(); ++it) {
                const double difference = metric.values.size() == 2
                    ? metric.values.first() - metric.values.last()
                    : it.value() - reference;
                if (config.highlightDeltas
                    && spec.significant(difference, reference, config.deltaThreshold))
                    metric.highlighted.append(it.key());
            }
        }
        metrics.append(metric);
    }
    return metrics;
}

} // namespace qd::gui
