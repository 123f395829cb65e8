#pragma once

#include "core/redis/CallStats.h"
#include "core/redis/Command.h"
#include "core/redis/ConnectionPool.h"
#include "core/redis/ConnectionSettings.h"
#include "core/redis/FanOut.h"
#include "core/redis/NodeResult.h"
#include "core/redis/Pipeline.h"
#include "core/redis/Reply.h"
#include "core/redis/SlotMap.h"

#include <QList>
#include <QMutex>

#include <functional>
#include <map>
#include <memory>

namespace qd::redis {

// Talks to a Redis Cluster: learns the slot map from any seed that answers, sends each command
// to the master owning its key's slot, and follows redirections: MOVED (the slot has a new
// owner: go there and re-read the map) and ASK (the key is mid-migration: send ASKING plus the
// command to the target, map unchanged), at most maxRedirects times per command. TRYAGAIN (a
// multi-key command whose keys are split by a migration in progress) is retried for up to
// kTryAgainFor. A MULTI ... EXEC block, with the WATCHes before it, is routed and redirected
// as one unit (route MULTI or WATCH with Command::routeBy or by its key), so a transaction is
// never split, half re-sent or sent without its WATCH; one still redirected when the retries
// run out is refused with a clear error in place of its EXEC reply. Commands for different
// masters go out as one pipeline per master, all masters at once.
class ClusterRouter final {
public:
    using Builder = std::function<Pipeline(const NodeInfo&)>;

    ClusterRouter(QList<Endpoint> seeds, ConnectionSettings settings, PoolOptions pool = {},
        int maxRedirects = 5);
    ~ClusterRouter();
    Q_DISABLE_COPY_MOVE(ClusterRouter)

    // Replies in the order of commands. Throws ConnectionError when a master cannot be reached
    // or no node gives a slot map; redirections left after maxRedirects stay error replies.
    QList<Reply> execute(const QList<Command>& commands, CallStats* stats);
    // build(master) runs on the calling thread; the pipelines run in parallel.
    QList<NodeResult> perMaster(const Builder& build, CallStats* stats);
    QList<NodeInfo> masters();
    // How long TRYAGAIN is retried before its reply is handed back (it is not a redirection:
    // it lasts as long as the migration of a slot's keys).
    static constexpr Millis kTryAgainFor {2000};

    // Reads the slot map again now (normally it is read when missing or after MOVED/failures).
    void refreshSlots();
    // The master serving key's slot in the current slot map (read if missing).
    std::optional<NodeInfo> ownerOf(QByteArrayView key);

private:
    struct Pending;
    struct Group;

    std::shared_ptr<const SlotMap> slotMap();
    std::shared_ptr<ConnectionPool> poolFor(const Endpoint& endpoint);
    void runGroups(const QList<Command>& commands, std::vector<Group>& groups,
        QList<Reply>& replies, CallStats& stats);
    void markStale();

    const QList<Endpoint> m_seeds;
    const ConnectionSettings m_settings;
    const PoolOptions m_poolOptions;
    const int m_maxRedirects;

    QMutex m_mapMutex; // guards m_map and m_stale
    std::shared_ptr<const SlotMap> m_map;
    bool m_stale = true;
    QMutex m_refreshMutex; // one CLUSTER SLOTS at a time, however many threads saw MOVED

    QMutex m_poolsMutex;
    std::map<QString, std::shared_ptr<ConnectionPool>> m_pools;

    FanOut m_fanOut;
};

} // namespace qd::redis
