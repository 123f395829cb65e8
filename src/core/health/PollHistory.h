#pragma once

#include "core/stats/ClusterStats.h"

#include <QList>

namespace qd::pollhistory {

// The polls of `history` (oldest first) that came before `latest`, at most `limit` of the
// newest of them (limit < 0: all). Callers may pass a history that already ends with `latest`
// (the engine's ring usually does); that copy is dropped, because counting one poll twice
// would read as a step without change and silently break every "growing N polls" streak.
QList<ClusterStats> before(
    const QList<ClusterStats>& history, const ClusterStats& latest, qsizetype limit = -1);

// How many consecutive polls at the end of `series` each grew strictly over the one before.
// Equal or smaller breaks the streak: a flat line or a shrink is not growth.
template <typename Value>
int growthStreak(const QList<Value>& series)
{
    int streak = 0;
    for (qsizetype i = series.size() - 1; i > 0 && series.at(i) > series.at(i - 1); --i)
        ++streak;
    return streak;
}

} // namespace qd::pollhistory
