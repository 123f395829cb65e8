#pragma once

#include "core/stats/ClusterStats.h"

#include <QHash>

#include <chrono>
#include <optional>

namespace qd {

class Clock;

// The latest stats of each cluster and when they were taken. A read within the TTL is
// answered from here without touching Redis; the engine refreshes entries past it.
class StatsCache final {
public:
    StatsCache(const Clock& clock, std::chrono::milliseconds ttl);

    void put(const ClusterStats& stats);
    void remove(const QString& cluster);
    void setTtl(std::chrono::milliseconds ttl) { m_ttl = ttl; }
    std::chrono::milliseconds ttl() const { return m_ttl; }

    // The cached stats, however old; nullopt if the cluster was never polled successfully.
    std::optional<ClusterStats> get(const QString& cluster) const;
    bool isFresh(const QString& cluster) const;
    std::optional<std::chrono::milliseconds> age(const QString& cluster) const;

private:
    struct Entry {
        ClusterStats stats;
        std::chrono::steady_clock::time_point storedAt;
    };

    const Clock& m_clock;
    std::chrono::milliseconds m_ttl;
    QHash<QString, Entry> m_entries;
};

} // namespace qd
