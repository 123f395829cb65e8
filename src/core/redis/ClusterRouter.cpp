#include "core/redis/ClusterRouter.h"

#include "core/redis/HashSlot.h"
#include "core/redis/Pipeline.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>
#include <set>
#include <spdlog/spdlog.h>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

// "MOVED 3999 10.0.0.7:6381" / "ASK 3999 :6381": the target, with the transport of the node that
// answered and its host when the reply leaves the host out.
std::optional<Endpoint> redirectTarget(const Reply& reply, const Endpoint& answeredBy)
{
    const QList<QByteArray> words = reply.toByteArray().split(' ');
    if (words.size() < 3)
        return std::nullopt;
    const QByteArray& address = words.at(2);
    const qsizetype colon = address.lastIndexOf(':');
    bool ok = false;
    const uint port = address.mid(colon + 1).toUInt(&ok);
    if (colon < 0 || !ok || port == 0 || port > 65535)
        return std::nullopt;
    const QString host = colon == 0 ? answeredBy.host : QString::fromUtf8(address.left(colon));
    Endpoint target = Endpoint::tcp(host, static_cast<quint16>(port));
    target.transport = answeredBy.transport;
    return target;
}

// How many commands from `index` on go out as one unit: a MULTI (or the WATCHes before one)
// and everything up to its EXEC or DISCARD (or the end), else just the one command. A
// transaction redirected piecemeal would run its commands outside it, on two nodes, while its
// EXEC fails with EXECABORT; one re-sent without its WATCH would lose its guard.
qsizetype unitLength(const QList<Command>& commands, qsizetype index)
{
    const QByteArray first = commands.at(index).name();
    if (first != "MULTI" && first != "WATCH")
        return 1;
    for (qsizetype i = index + 1; i < commands.size(); ++i) {
        const QByteArray name = commands.at(i).name();
        if (name == "EXEC" || name == "DISCARD")
            return i - index + 1;
    }
    return commands.size() - index;
}

// The key a unit is routed by: the first one any of its commands names (callers route MULTI
// explicitly with Command::routeBy, since MULTI itself takes no key).
std::optional<QByteArray> unitKey(const QList<Command>& commands, qsizetype index, qsizetype count)
{
    for (qsizetype i = index; i < index + count; ++i) {
        if (std::optional<QByteArray> key = commands.at(i).routingKey())
            return key;
    }
    return std::nullopt;
}

// Whether an ASK-redirected unit starting at `first` needs ASKING before command i. The flag
// lasts one command, except from MULTI to EXEC, where Redis keeps it: so one before every
// command up to and including MULTI (a WATCH, the MULTI), none inside the transaction.
bool asksBefore(const QList<Command>& commands, qsizetype first, qsizetype i)
{
    for (qsizetype j = first; j < i; ++j) {
        if (commands.at(j).name() == "MULTI")
            return false;
    }
    return true;
}

bool isTransaction(const QList<Command>& commands, qsizetype index, qsizetype count)
{
    return count > 1 && commands.at(index + count - 1).name() == "EXEC";
}

} // namespace

struct ClusterRouter::Pending {
    qsizetype index = 0; // into the caller's commands: the unit's first one
    qsizetype count = 1; // commands in the unit (a whole MULTI ... EXEC block is one unit)
    std::optional<Endpoint> target; // set by a redirection; else the slot owner
    bool asking = false;
};

struct ClusterRouter::Group {
    Endpoint endpoint;
    QList<Pending> items;
    CallStats stats;
    std::optional<ConnectionError> error;
};

ClusterRouter::ClusterRouter(
    QList<Endpoint> seeds, ConnectionSettings settings, PoolOptions pool, int maxRedirects)
    : m_seeds(std::move(seeds))
    , m_settings(std::move(settings))
    , m_poolOptions(pool)
    , m_maxRedirects(maxRedirects)
{
}

ClusterRouter::~ClusterRouter() = default;

QList<Reply> ClusterRouter::execute(const QList<Command>& commands, CallStats* stats)
{
    QList<Reply> replies(commands.size());
    QList<Pending> pending;
    pending.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size();) {
        const qsizetype count = unitLength(commands, i);
        pending.append({i, count, std::nullopt, false});
        i += count;
    }

    CallStats total;
    int redirects = 0;
    const QDeadlineTimer tryAgainUntil(kTryAgainFor);
    Millis tryAgainWait {10};
    for (;;) {
        const std::shared_ptr<const SlotMap> map = slotMap();
        std::vector<Group> groups;
        std::map<QString, size_t> groupOf;
        for (const Pending& item : std::as_const(pending)) {
            std::optional<Endpoint> target = item.target;
            if (!target) {
                const std::optional<QByteArray> key = unitKey(commands, item.index, item.count);
                const int slot = key ? hashslot::of(*key) : -1;
                const NodeInfo* owner = key ? map->owner(slot) : &map->masters().constFirst();
                if (!owner) {
                    for (qsizetype i = item.index; i < item.index + item.count; ++i)
                        replies[i] = Reply::error("CLUSTERDOWN Hash slot "
                            + QByteArray::number(slot) + " is not served by any node");
                    continue;
                }
                target = owner->endpoint;
            }
            const auto [found, added] = groupOf.emplace(target->address(), groups.size());
            if (added)
                groups.push_back({*target, {}, {}, std::nullopt});
            groups[found->second].items.append(item);
        }
        runGroups(commands, groups, replies, total);
        pending.clear();
        bool tryAgain = false;
        for (const Group& group : groups) {
            for (const Pending& item : group.items) {
                // In a transaction the redirect is on the queued command (or on EXEC): the
                // whole unit goes again, to where that reply points.
                const Reply* redirect = nullptr;
                bool retry = false;
                for (qsizetype i = item.index; i < item.index + item.count && !redirect; ++i) {
                    const Reply& reply = replies.at(i);
                    if (reply.isErrorCode("MOVED") || reply.isErrorCode("ASK"))
                        redirect = &reply;
                    else if (reply.isErrorCode("TRYAGAIN"))
                        retry = true;
                }
                if (redirect) {
                    const bool ask = redirect->isErrorCode("ASK");
                    if (const std::optional<Endpoint> target
                        = redirectTarget(*redirect, group.endpoint))
                        pending.append({item.index, item.count, target, ask});
                    if (!ask)
                        markStale();
                } else if (retry) {
                    pending.append({item.index, item.count, std::nullopt, false});
                    tryAgain = true; // a multi-key command during resharding: wait briefly
                }
            }
        }
        if (pending.isEmpty())
            break;
        const bool redirected = std::any_of(pending.cbegin(), pending.cend(),
            [](const Pending& item) { return item.target.has_value(); });
        if ((redirected && ++redirects > m_maxRedirects)
            || (tryAgain && tryAgainUntil.hasExpired())) {
            // Redis's own replies say why a single command failed; a transaction's would be a
            // bare EXECABORT, so it gets one that says it was not run and why.
            for (const Pending& item : std::as_const(pending)) {
                if (!isTransaction(commands, item.index, item.count))
                    continue;
                const std::optional<QByteArray> key = unitKey(commands, item.index, item.count);
                replies[item.index + item.count - 1] = Reply::error(
                    "TRYAGAIN transaction not run: slot "
                    + QByteArray::number(key ? hashslot::of(*key) : -1)
                    + " is being resharded and the transaction was still redirected after "
                    + QByteArray::number(redirects) + " redirections; it is safe to run it again");
            }
            break;
        }
        if (tryAgain) {
            QThread::msleep(static_cast<unsigned long>(tryAgainWait.count()));
            tryAgainWait = std::min(tryAgainWait * 2, Millis(200));
        }
    }
    if (stats)
        *stats += total;
    return replies;
}

void ClusterRouter::runGroups(const QList<Command>& commands, std::vector<Group>& groups,
    QList<Reply>& replies, CallStats& stats)
{
    Reply* const out = replies.data(); // detached once here; tasks write disjoint elements
    std::vector<std::function<void()>> tasks;
    tasks.reserve(groups.size());
    for (Group& group : groups) {
        tasks.emplace_back([this, &group, &commands, out] {
            Pipeline pipeline;
            for (const Pending& item : std::as_const(group.items)) {
                for (qsizetype i = item.index; i < item.index + item.count; ++i) {
                    if (item.asking && asksBefore(commands, item.index, i))
                        pipeline.add(Command {QByteArrayLiteral("ASKING")});
                    pipeline.add(commands.at(i));
                }
            }
            try {
                const std::shared_ptr<ConnectionPool> pool = poolFor(group.endpoint);
                ConnectionPool::Lease lease = pool->acquire();
                const QList<Reply> got = lease->pipeline(pipeline, &group.stats);
                qsizetype at = 0;
                for (const Pending& item : std::as_const(group.items)) {
                    for (qsizetype i = item.index; i < item.index + item.count; ++i) {
                        if (item.asking && asksBefore(commands, item.index, i))
                            ++at; // the ASKING reply is +OK
                        out[i] = got.at(at++);
                    }
                }
            } catch (const ConnectionError& error) {
                group.error = error;
            }
        });
    }
    m_fanOut.run(tasks);
    for (const Group& group : groups)
        stats += group.stats;
    for (const Group& group : groups) {
        if (group.error) {
            markStale(); // the master may have failed over: read the map again next time
            throw *group.error;
        }
    }
}

QList<NodeResult> ClusterRouter::perMaster(const Builder& build, CallStats* stats)
{
    const std::shared_ptr<const SlotMap> map = slotMap();
    QList<NodeResult> results;
    std::vector<Pipeline> pipelines;
    for (const NodeInfo& node : map->masters()) {
        results.append({node, {}, std::nullopt});
        pipelines.push_back(build(node));
    }
    std::vector<CallStats> nodeStats(pipelines.size());
    NodeResult* const out = results.data();
    std::vector<std::function<void()>> tasks;
    for (size_t i = 0; i < pipelines.size(); ++i) {
        tasks.emplace_back([this, out, i, &pipelines, &nodeStats] {
            try {
                const std::shared_ptr<ConnectionPool> pool = poolFor(out[i].node.endpoint);
                ConnectionPool::Lease lease = pool->acquire();
                out[i].replies = lease->pipeline(pipelines[i], &nodeStats[i]);
            } catch (const ConnectionError& error) {
                out[i].error = error;
            }
        });
    }
    m_fanOut.run(tasks);
    for (const NodeResult& result : std::as_const(results)) {
        if (!result.ok())
            markStale();
    }
    if (stats) {
        for (const CallStats& nodeStat : nodeStats)
            *stats += nodeStat;
    }
    return results;
}

QList<NodeInfo> ClusterRouter::masters()
{
    return slotMap()->masters();
}

void ClusterRouter::refreshSlots()
{
    markStale();
    slotMap();
}

void ClusterRouter::markStale()
{
    QMutexLocker locker(&m_mapMutex);
    m_stale = true;
}

std::shared_ptr<const SlotMap> ClusterRouter::slotMap()
{
    {
        QMutexLocker locker(&m_mapMutex);
        if (m_map && !m_stale)
            return m_map;
    }
    QMutexLocker refreshing(&m_refreshMutex);
    QList<Endpoint> candidates;
    {
        QMutexLocker locker(&m_mapMutex);
        if (m_map && !m_stale)
            return m_map; // another thread refreshed while this one waited
        if (m_map) {
            for (const NodeInfo& node : m_map->masters())
                candidates.append(node.endpoint);
        }
    }
    candidates.append(m_seeds);

    std::set<QString> tried;
    std::optional<ConnectionError> lastError;
    QString problem;
    for (const Endpoint& candidate : std::as_const(candidates)) {
        if (!tried.insert(candidate.address()).second)
            continue;
        try {
            const std::shared_ptr<ConnectionPool> pool = poolFor(candidate);
            ConnectionPool::Lease lease = pool->acquire();
            const Reply reply
                = lease->command({QByteArrayLiteral("CLUSTER"), QByteArrayLiteral("SLOTS")});
            QString why = reply.isError() ? reply.toString() : QString();
            std::optional<SlotMap> parsed;
            if (why.isEmpty())
                parsed = SlotMap::fromClusterSlots(reply, candidate, &why);
            if (parsed && parsed->masters().isEmpty())
                why = u"no hash slot is assigned"_s;
            if (!why.isEmpty()) {
                problem = candidate.display() + u": "_s + why;
                continue;
            }
            if (const int uncovered = parsed->uncoveredSlots())
                spdlog::warn("redis: cluster {}: {} hash slots have no master",
                    m_settings.clusterName.toStdString(), uncovered);
            QMutexLocker locker(&m_mapMutex);
            m_map = std::make_shared<const SlotMap>(std::move(*parsed));
            m_stale = false;
            return m_map;
        } catch (const ConnectionError& error) {
            lastError = error;
        }
    }
    if (!problem.isEmpty())
        throw m_settings.error(Kind::ClusterDown, u"no usable slot map ("_s + problem + u')');
    if (lastError)
        throw *lastError;
    throw m_settings.error(Kind::Config, u"no cluster node is configured"_s);
}

std::shared_ptr<ConnectionPool> ClusterRouter::poolFor(const Endpoint& endpoint)
{
    QMutexLocker locker(&m_poolsMutex);
    std::shared_ptr<ConnectionPool>& pool = m_pools[endpoint.address()];
    if (!pool) {
        Endpoint bare = endpoint; // credentials live in the settings, never in node endpoints
        bare.username.clear();
        bare.password.clear();
        bare.db.reset();
        pool = std::make_shared<ConnectionPool>(m_settings.withEndpoint(bare), m_poolOptions);
    }
    return pool;
}

std::optional<NodeInfo> ClusterRouter::ownerOf(QByteArrayView key)
{
    const NodeInfo* owner = slotMap()->owner(hashslot::of(key));
    return owner ? std::optional<NodeInfo>(*owner) : std::nullopt;
}

} // namespace qd::redis
