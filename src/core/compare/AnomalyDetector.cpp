#include "core/compare/AnomalyDetector.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace qd {

namespace {

QList<const CompareInput*> distinct(const QList<CompareInput>& clusters)
{
    QList<const CompareInput*> unique;
    QSet<QString> names;
    for (const CompareInput& input : clusters) {
        if (!names.contains(input.cluster)) {
            names.insert(input.cluster);
            unique.append(&input);
        }
    }
    return unique;
}

// " (+58%)", or nothing when the reference is 0 and a percentage would be meaningless.
QString percentChange(double change, double reference)
{
    if (reference == 0)
        return {};
    const double percent = change / std::abs(reference) * 100;
    return u" (%1%2%)"_s.arg(percent >= 0 ? u"+"_s : QString(), QString::number(qRound64(percent)));
}

void sortWorstFirst(QList<Anomaly>& anomalies)
{
    std::stable_sort(anomalies.begin(), anomalies.end(),
        [](const Anomaly& a, const Anomaly& b) { return a.severity > b.severity; });
}

} // namespace

AnomalyDetector::AnomalyDetector(double deltaThresholdPercent, AnomalyThresholds thresholds)
    : m_deltaThreshold(deltaThresholdPercent), m_thresholds(thresholds)
{
}

QList<Anomaly> AnomalyDetector::detect(const QList<CompareInput>& clusters) const
{
    QList<Anomaly> found = deviations(clusters);
    for (const CompareInput* input : distinct(clusters))
        found += temporal(*input);
    sortWorstFirst(found);
    return found;
}

QList<Anomaly> AnomalyDetector::deviations(const QList<CompareInput>& clusters) const
{
    // Aggregates only: a per-queue deviation is nearly always the same cause as the
    // queue_size one, and one cause should make one anomaly.
    QList<Anomaly> found;
    const QList<const CompareInput*> inputs = distinct(clusters);
    for (const MetricSpec& spec : MetricSpec::aggregates()) {
        QList<Observed> seen;
        for (const CompareInput* input : inputs) {
            if (const auto value = spec.read(input->current))
                seen.append({input, *value});
        }
        if (seen.size() >= 3)
            amongMany(spec, seen, found);
        else if (seen.size() == 2)
            withinPair(spec, seen.at(0), seen.at(1), found);
    }
    sortWorstFirst(found);
    return found;
}

void AnomalyDetector::amongMany(
    const MetricSpec& spec, const QList<Observed>& seen, QList<Anomaly>& out) const
{
    QList<double> values;
    for (const Observed& observed : seen)
        values.append(observed.value);
    const robust::Spread spread = robust::spreadOf(values);
    for (const Observed& observed : seen) {
        const double deviation = observed.value - spread.median;
        if (!spec.significant(deviation, spread.median, m_deltaThreshold))
            continue;
        // MAD 0 means most clusters agree exactly; then every value off the median is an
        // outlier by z, so the floor and the percentage above are the whole test.
        if (spread.scale > 0 && std::abs(deviation) <= m_thresholds.robustZ * spread.scale)
            continue;
        out.append({anomalytype::Deviation.toString(), observed.input->cluster, spec.name,
            u"%1 deviates significantly from the compared clusters: %2 against a median of %3%4"_s
                .arg(spec.name, spec.format(observed.value), spec.format(spread.median),
                    percentChange(deviation, spread.median)),
            observed.value, spread.median,
            m_thresholds.severityFor(spec.relative(deviation, spread.median))});
    }
}

void AnomalyDetector::withinPair(
    const MetricSpec& spec, const Observed& a, const Observed& b, QList<Anomaly>& out) const
{
    const double mean = (a.value + b.value) / 2;
    if (!spec.significant(a.value - b.value, mean, m_deltaThreshold))
        return;
    // Two values differ symmetrically, so the difference alone cannot say which one is odd.
    // Blame the one that left its own baseline and, by leaving, widened the gap; when both or
    // neither did, or a baseline is missing, say nothing: the temporal rules still speak
    // for a cluster that moved.
    const auto baseA = baselineOf(*a.input, spec);
    const auto baseB = baselineOf(*b.input, spec);
    if (!baseA || !baseB)
        return;
    const double gap = std::abs(a.value - b.value);
    const bool movedA = departs(a.value, *baseA, spec) && gap > std::abs(baseA->median - b.value);
    const bool movedB = departs(b.value, *baseB, spec) && gap > std::abs(baseB->median - a.value);
    if (movedA == movedB)
        return;
    const Observed& mover = movedA ? a : b;
    const Observed& other = movedA ? b : a;
    const robust::Spread& baseline = movedA ? *baseA : *baseB;
    const double deviation = mover.value - mean;
    out.append({anomalytype::Deviation.toString(), mover.input->cluster, spec.name,
        u"%1 deviates significantly from %2 and from its own recent level: %3 against %4 there "
        "(average %5), recent baseline %6"_s.arg(spec.name, other.input->cluster,
            spec.format(mover.value), spec.format(other.value), spec.format(mean),
            spec.format(baseline.median)),
        mover.value, mean, m_thresholds.severityFor(spec.relative(deviation, mean))});
}

QList<Anomaly> AnomalyDetector::temporal(const CompareInput& cluster) const
{
    QList<Anomaly> found;
    const std::optional<Anomaly> candidates[] = {
        shift(cluster, anomalytype::BacklogJump, MetricSpec::byName(u"queue_size"_s), +1,
            m_thresholds.backlogJumpRatio),
        shift(cluster, anomalytype::ErrorRateSpike, MetricSpec::byName(u"error_rate"_s), +1,
            m_thresholds.errorSpikeRatio),
        shift(cluster, anomalytype::WorkerDrop, MetricSpec::byName(u"worker_count"_s), -1,
            m_thresholds.workerDropRatio),
    };
    for (const std::optional<Anomaly>& candidate : candidates) {
        if (candidate)
            found.append(*candidate);
    }
    sortWorstFirst(found);
    return found;
}

std::optional<robust::Spread> AnomalyDetector::baselineOf(
    const CompareInput& input, const MetricSpec& spec) const
{
    QList<double> values;
    const qsizetype size = input.earlier.size();
    const qsizetype first = m_thresholds.baselinePolls < 0
        ? 0
        : std::max<qsizetype>(0, size - m_thresholds.baselinePolls);
    for (qsizetype i = first; i < size; ++i) {
        if (const auto value = spec.read(input.earlier.at(i)))
            values.append(*value);
    }
    if (values.size() < std::max(1, m_thresholds.minBaselinePolls))
        return std::nullopt;
    return robust::spreadOf(values);
}

bool AnomalyDetector::departs(
    double value, const robust::Spread& baseline, const MetricSpec& spec) const
{
    const double change = value - baseline.median;
    if (!spec.significant(change, baseline.median, m_deltaThreshold))
        return false;
    // A cluster whose own numbers always swing this much has not left its baseline.
    return baseline.scale == 0 || std::abs(change) > m_thresholds.robustZ * baseline.scale;
}

std::optional<Anomaly> AnomalyDetector::shift(const CompareInput& input, QStringView type,
    const MetricSpec& spec, int direction, double minRatio) const
{
    const auto now = spec.read(input.current);
    const auto baseline = now ? baselineOf(input, spec) : std::nullopt;
    if (!baseline)
        return std::nullopt;
    const double change = (*now - baseline->median) * direction;
    const double relative = spec.relative(change, baseline->median);
    if (change < spec.floor || relative < minRatio)
        return std::nullopt;
    if (baseline->scale > 0 && change <= m_thresholds.robustZ * baseline->scale)
        return std::nullopt; // within the swings this cluster always shows: not sudden
    const QString verb = direction > 0 ? u"rose"_s : u"fell"_s;
    return Anomaly {type.toString(), input.cluster, spec.name,
        u"%1 %2 to %3 from its recent baseline of %4%5"_s.arg(spec.name, verb, spec.format(*now),
            spec.format(baseline->median),
            percentChange(*now - baseline->median, baseline->median)),
        *now, baseline->median, m_thresholds.severityFor(relative)};
}

} // namespace qd
