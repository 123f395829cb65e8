#pragma once

#include "core/actions/ActionRunner.h"

#include <QList>

namespace qd {

// benchmark: enqueues real jobs of the queue system's schema with LPUSH in pipelines of the
// given depth and measures enqueue throughput and the latency of each pipelined batch
// (p50/p95/p99). When the jobs go onto a queue that workers consume, it also watches the
// completed list and measures end-to-end completion latency. It removes what it created: the
// dedicated bench queue, or its leftover jobs and completed entries on a real queue.
class BenchmarkRunner final : public ActionRunner {
public:
    TargetResult run(const ActionContext& context) override;

    // Nearest-rank percentile of sorted values (p in 0..100); 0 for no values.
    static double percentile(const QList<double>& sorted, double p);
};

} // namespace qd
