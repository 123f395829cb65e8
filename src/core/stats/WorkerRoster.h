#pragma once

#include "core/stats/ClusterStats.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <chrono>

namespace qd {

// Remembers the workers of one cluster across polls. A worker only marks itself (heartbeat)
// while it holds a job, so a poll that lands between two jobs lists no such worker although it
// is alive; "no heartbeat right now" is no evidence that no worker exists. Fed each successful
// poll in order, the roster stamps every worker with when it was last seen alive and adds the
// workers seen within the window that this poll no longer lists, as idle entries; a worker not
// seen for longer than the window is forgotten. Knows nothing of any queue system: it reads
// only ClusterStats.
class WorkerRoster final {
public:
    explicit WorkerRoster(std::chrono::milliseconds window) : m_window(window) { }

    std::chrono::milliseconds window() const { return m_window; }
    void setWindow(std::chrono::milliseconds window) { m_window = window; }

    // Updates the memory from `stats` (polled at stats.polledAt) and completes its worker list:
    // lastSeen on every worker seen within the window, idle entries for remembered workers the
    // poll does not list (sorted into the list by id). workerCount is left alone: it counts
    // live heartbeats.
    void apply(ClusterStats& stats);
    void clear() { m_lastSeen.clear(); }
    qsizetype size() const { return m_lastSeen.size(); }

private:
    std::chrono::milliseconds m_window;
    QHash<QString, QDateTime> m_lastSeen; // worker id -> when a poll last saw it alive
};

} // namespace qd
