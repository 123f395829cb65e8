#pragma once

#include "core/stats/ClusterStats.h"

#include <QHash>
#include <QList>

#include <chrono>
#include <optional>

namespace qd {

class Clock;

// The one copy the engine keeps of each cluster's successful polls: the newest, complete, which
// the stats endpoint, the desktop and the compare engine read, and the ones before it, which
// the health rules (growth streaks) and the temporal anomaly baseline read. Those earlier polls
// are kept without their per-worker lists, which none of their readers looks at: 60 full polls
// of 200 workers each came to about 1 MB per cluster.
//
// A read within the TTL is answered from here without touching Redis; the engine refreshes
// entries past it.
class StatsCache final {
public:
    StatsCache(const Clock& clock, std::chrono::milliseconds ttl);

    // Makes `stats` the newest poll of its cluster. The previous newest joins the earlier
    // polls, of which the newest `earlierKept` stay.
    void put(const ClusterStats& stats, qsizetype earlierKept = 0);
    void remove(const QString& cluster);
    void setTtl(std::chrono::milliseconds ttl) { m_ttl = ttl; }
    std::chrono::milliseconds ttl() const { return m_ttl; }

    // The newest poll, however old; nullptr if the cluster was never polled successfully. Valid
    // until the next put() or remove() of that cluster.
    const ClusterStats* latest(const QString& cluster) const;
    // A copy of latest(); nullopt if the cluster was never polled successfully.
    std::optional<ClusterStats> get(const QString& cluster) const;
    // The successful polls before latest(), oldest first, without their per-worker lists.
    QList<ClusterStats> earlier(const QString& cluster) const;
    bool isFresh(const QString& cluster) const;
    std::optional<std::chrono::milliseconds> age(const QString& cluster) const;

private:
    struct Entry {
        ClusterStats latest;
        QList<ClusterStats> earlier;
        std::chrono::steady_clock::time_point storedAt;
    };

    const Clock& m_clock;
    std::chrono::milliseconds m_ttl;
    QHash<QString, Entry> m_entries;
};

} // namespace qd
