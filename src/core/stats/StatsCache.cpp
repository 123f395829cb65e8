#include "core/stats/StatsCache.h"

#include "core/util/Clock.h"

#include <algorithm>

namespace qd {

StatsCache::StatsCache(const Clock& clock, std::chrono::milliseconds ttl)
    : m_clock(clock), m_ttl(ttl)
{
}

void StatsCache::put(const ClusterStats& stats, qsizetype earlierKept)
{
    const auto now = m_clock.now();
    const auto found = m_entries.find(stats.clusterName);
    if (found == m_entries.end()) {
        m_entries.insert(stats.clusterName, Entry {stats, {}, now});
        return;
    }
    Entry& entry = *found;
    const qsizetype kept = std::max<qsizetype>(0, earlierKept);
    if (entry.earlier.size() > kept) // fewer kept than before: drop the oldest
        entry.earlier.remove(0, entry.earlier.size() - kept);
    if (kept > 0) {
        ClusterStats previous = std::move(entry.latest);
        previous.workers = {}; // workerCount and workersComplete stay: the rules read those
        // Kept for a minute or more, so without the slack a list grown by appends has: at
        // 2000 clusters that slack was a fifth of the server's memory (docs/benchmarks.md).
        previous.queues.squeeze();
        if (entry.earlier.size() < kept) {
            entry.earlier.reserve(kept); // exactly: never more slots than polls kept
            entry.earlier.append(std::move(previous));
        } else {
            // Full: the oldest goes by shifting the rest down in place. Removing the first
            // and appending would make QList grow its block again every few polls.
            std::move(entry.earlier.begin() + 1, entry.earlier.end(), entry.earlier.begin());
            entry.earlier.last() = std::move(previous);
        }
    }
    entry.latest = stats;
    entry.storedAt = now;
}

void StatsCache::remove(const QString& cluster)
{
    m_entries.remove(cluster);
}

const ClusterStats* StatsCache::latest(const QString& cluster) const
{
    const auto it = m_entries.constFind(cluster);
    return it == m_entries.cend() ? nullptr : &it->latest;
}

std::optional<ClusterStats> StatsCache::get(const QString& cluster) const
{
    const ClusterStats* stats = latest(cluster);
    return stats ? std::optional<ClusterStats>(*stats) : std::nullopt;
}

QList<ClusterStats> StatsCache::earlier(const QString& cluster) const
{
    const auto it = m_entries.constFind(cluster);
    return it == m_entries.cend() ? QList<ClusterStats>() : it->earlier;
}

std::optional<std::chrono::milliseconds> StatsCache::age(const QString& cluster) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.cend())
        return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - it->storedAt);
}

bool StatsCache::isFresh(const QString& cluster) const
{
    const auto a = age(cluster);
    return a && *a <= m_ttl;
}

} // namespace qd
