#pragma once

#include "loadgen/LoadStats.h"

#include <QByteArray>

namespace qd::loadgen {

// Turns successive snapshots into the lines loadgen prints: counts since the start and rates
// over the last interval, as text for people or one JSON object per line for scripts.
class StatsReporter final {
public:
    explicit StatsReporter(bool json) : m_json(json) { }

    // The line for current, with rates since the previous line; final marks the last one
    // (its rates cover the whole run).
    QByteArray line(const LoadStats& stats, const LoadSnapshot& current, bool final);

private:
    QByteArray textLine(const LoadStats& stats, const LoadSnapshot& current, double seconds,
        const LoadSnapshot& base, bool final) const;
    QByteArray jsonLine(const LoadStats& stats, const LoadSnapshot& current, double seconds,
        const LoadSnapshot& base, bool final) const;

    bool m_json = false;
    LoadSnapshot m_previous;
};

} // namespace qd::loadgen
