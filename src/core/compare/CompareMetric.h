#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace qd {

// One entry of the compare result's "metrics" object, keyed there by `name`.
struct CompareMetric {
    QString name; // "name"
    // "values": cluster -> number. A cluster is absent when the metric is unknown there:
    // rates before its second poll, a queue it does not configure.
    QMap<QString, double> values;
    double delta = 0; // "delta": max - min of values; 0 with fewer than two
    QString unit; // "unit"
    // "highlighted" (QueueDeck extension): clusters whose value is beyond delta_threshold
    // from the others; empty when compare_mode.highlight_deltas is off.
    QStringList highlighted;

    bool isHighlighted(const QString& cluster) const { return highlighted.contains(cluster); }
    friend bool operator==(const CompareMetric&, const CompareMetric&) = default;
};

} // namespace qd
