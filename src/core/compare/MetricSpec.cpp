#include "core/compare/MetricSpec.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace qd {

namespace {

// Floors, per unit of each metric (docs/health-and-anomalies.md says why these).
constexpr double kQueueFloor = 50; // jobs
constexpr double kProcessingFloor = 10; // jobs
constexpr double kDeadLetterFloor = 10; // jobs
constexpr double kWorkerFloor = 2; // workers
constexpr double kJobRateFloor = 1; // jobs/s
constexpr double kErrorRateFloor = 0.05; // five percentage points
constexpr double kOrphanFloor = 1; // workers: a single orphan already holds jobs nobody runs
constexpr double kHeartbeatAgeFloor = 5000; // ms: well within one heartbeat refresh

using Read = std::function<std::optional<double>(const ClusterStats&)>;

MetricSpec make(const QString& name, const QString& unit, double floor, Read read)
{
    return MetricSpec {name, unit, floor, std::move(read)};
}

} // namespace

QList<MetricSpec> MetricSpec::aggregates()
{
    return {
        make(u"queue_size"_s, u"jobs"_s, kQueueFloor,
            [](const ClusterStats& s) { return std::optional<double>(double(s.totalQueued())); }),
        make(u"processing_count"_s, u"jobs"_s, kProcessingFloor,
            [](const ClusterStats& s) { return std::optional<double>(double(s.processingCount)); }),
        make(u"dead_letter_count"_s, u"jobs"_s, kDeadLetterFloor,
            [](const ClusterStats& s) {
                return s.deadLettersKnown ? std::optional<double>(double(s.deadLetterCount))
                                          : std::nullopt;
            }),
        make(u"worker_count"_s, u"workers"_s, kWorkerFloor,
            [](const ClusterStats& s) {
                return s.workerCount ? std::optional<double>(*s.workerCount) : std::nullopt;
            }),
        // Rates need two polls; before that 0 would be a lie that looks like a stalled cluster.
        make(u"job_rate"_s, u"jobs/s"_s, kJobRateFloor,
            [](const ClusterStats& s) {
                return s.ratesKnown ? std::optional<double>(s.jobRate) : std::nullopt;
            }),
        make(u"error_rate"_s, u"ratio"_s, kErrorRateFloor,
            [](const ClusterStats& s) {
                return s.ratesKnown ? std::optional<double>(s.errorRate) : std::nullopt;
            }),
    };
}

QList<MetricSpec> MetricSpec::workerDetails()
{
    return {
        make(u"known_workers"_s, u"workers"_s, kWorkerFloor,
            [](const ClusterStats& s) { return std::optional<double>(double(s.workers.size())); }),
        make(u"busy_workers"_s, u"workers"_s, kWorkerFloor,
            [](const ClusterStats& s) {
                return std::optional<double>(double(std::count_if(s.workers.cbegin(),
                    s.workers.cend(), [](const WorkerStat& w) { return w.processingLength > 0; })));
            }),
        make(u"orphaned_workers"_s, u"workers"_s, kOrphanFloor,
            [](const ClusterStats& s) {
                return std::optional<double>(double(s.orphanedWorkers().size()));
            }),
        make(u"oldest_heartbeat_ms"_s, u"ms"_s, kHeartbeatAgeFloor,
            [](const ClusterStats& s) -> std::optional<double> {
                qint64 oldest = -1;
                for (const WorkerStat& w : s.workers)
                    oldest = std::max(oldest, w.heartbeatAgeMs.value_or(-1));
                return oldest < 0 ? std::nullopt : std::optional<double>(double(oldest));
            }),
    };
}

MetricSpec MetricSpec::queueSize(const QString& queue)
{
    return make(u"queue_size:"_s + queue, u"jobs"_s, kQueueFloor,
        [queue](const ClusterStats& s) -> std::optional<double> {
            for (const QueueStat& stat : s.queues) {
                if (stat.name == queue)
                    return double(stat.length);
            }
            return std::nullopt; // not configured on this cluster: absent, not zero
        });
}

MetricSpec MetricSpec::byName(const QString& name)
{
    static const QString queuePrefix = u"queue_size:"_s;
    if (name.startsWith(queuePrefix))
        return queueSize(name.mid(queuePrefix.size()));
    const QList<MetricSpec> all = aggregates();
    const auto found = std::find_if(
        all.cbegin(), all.cend(), [&name](const MetricSpec& spec) { return spec.name == name; });
    return found == all.cend() ? MetricSpec {} : *found;
}

double MetricSpec::relative(double difference, double reference) const
{
    const double base = std::max(std::abs(reference), floor);
    if (base <= 0)
        return difference == 0 ? 0 : HUGE_VAL;
    return std::abs(difference) / base;
}

bool MetricSpec::significant(double difference, double reference, double thresholdPercent) const
{
    return std::abs(difference) >= floor
        && relative(difference, reference) > thresholdPercent / 100.0;
}

QString MetricSpec::format(double value) const
{
    if (unit == u"ratio")
        return QString::number(value * 100, 'f', 1) + u"% errors";
    const bool whole = std::abs(value - std::round(value)) < 1e-9;
    const QString number
        = whole ? QString::number(qRound64(value)) : QString::number(value, 'f', 1);
    return number + u' ' + unit;
}

} // namespace qd
