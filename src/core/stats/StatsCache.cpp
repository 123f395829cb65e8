#include "core/stats/StatsCache.h"

#include "core/util/Clock.h"

namespace qd {

StatsCache::StatsCache(const Clock& clock, std::chrono::milliseconds ttl)
    : m_clock(clock), m_ttl(ttl)
{
}

void StatsCache::put(const ClusterStats& stats)
{
    m_entries.insert(stats.clusterName, Entry {stats, m_clock.now()});
}

void StatsCache::remove(const QString& cluster)
{
    m_entries.remove(cluster);
}

std::optional<ClusterStats> StatsCache::get(const QString& cluster) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.cend())
        return std::nullopt;
    return it->stats;
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
