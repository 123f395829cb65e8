#pragma once

#include "core/stats/ClusterStats.h"
#include "core/stats/PollFailure.h"
#include "core/util/Severity.h"

#include <QMetaType>

#include <chrono>
#include <optional>

namespace qd {

// What the poller asks of a cluster. poll() blocks (it runs on a pool thread) and either
// returns stats or throws; implementations translate their errors with describeFailure.
class PollTarget {
public:
    virtual ~PollTarget() = default;
    virtual ClusterStats poll() = 0;
    // Turns whatever poll() threw (std::current_exception) into a PollFailure.
    virtual PollFailure describeFailure(std::exception_ptr error) const;

    static PollFailure failure(
        const QString& message, Severity severity, const QString& kind = QStringLiteral("error"));
};

// One finished (or abandoned) poll, delivered on the main thread.
struct PollResult {
    QString cluster;
    quint64 sequence = 0; // per cluster, increasing
    std::optional<ClusterStats> stats;
    std::optional<PollFailure> failure;
    std::chrono::milliseconds duration {0};
};

} // namespace qd

Q_DECLARE_METATYPE(qd::PollResult)
