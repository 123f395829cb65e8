#include "core/health/PollHistory.h"

namespace qd::pollhistory {

QList<ClusterStats> before(
    const QList<ClusterStats>& history, const ClusterStats& latest, qsizetype limit)
{
    QList<ClusterStats> earlier;
    earlier.reserve(history.size());
    for (const ClusterStats& poll : history) {
        // A poll at or after `latest` is `latest` itself (or a caller's mix-up): never a past.
        const bool sameOrLater = poll.polledAt.isValid() && latest.polledAt.isValid()
            && poll.polledAt >= latest.polledAt;
        if (!sameOrLater)
            earlier.append(poll);
    }
    if (limit >= 0 && earlier.size() > limit)
        earlier.remove(0, earlier.size() - limit);
    return earlier;
}

} // namespace qd::pollhistory
