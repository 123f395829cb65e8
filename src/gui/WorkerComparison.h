#pragma once

#include "core/compare/CompareMetric.h"
#include "core/config/Config.h"
#include "core/stats/ClusterStats.h"

#include <QList>
#include <QMap>

namespace qd::gui {

// The Workers side of the compare view. The engine compares live workers; operators also ask
// how many workers each cluster knows, how many are busy or orphaned, and how stale the oldest
// heartbeat is. These are derived from the same cached polls and marked with the engine's own
// rule (MetricSpec::significant against the median, or the pair's difference).
class WorkerComparison final {
public:
    static QList<CompareMetric> compare(
        const QMap<QString, ClusterStats>& stats, const CompareModeConfig& config);
};

} // namespace qd::gui
