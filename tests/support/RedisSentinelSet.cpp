#include "support/RedisSentinelSet.h"

#include <QDeadlineTimer>
#include <QTest>

#include <utility>

using namespace Qt::StringLiterals;

namespace qd::test {
namespace {

constexpr int PollMs = 100;
const QString MasterName = u"mymaster"_s;

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

// Polls check until it returns true or the deadline passes.
template <typename Check>
bool waitFor(const QDeadlineTimer& deadline, Check check)
{
    for (;;) {
        if (check())
            return true;
        if (deadline.hasExpired())
            return false;
        QTest::qWait(PollMs);
    }
}

RedisServerOptions dataNodeOptions()
{
    RedisServerOptions options;
    // Without this a master delays every full sync by 5 s hoping for more replicas.
    options.extraConfig << u"repl-diskless-sync-delay 0"_s;
    return options;
}

// A figure from INFO replication ("master_repl_offset", "slave_repl_offset"); -1 if absent.
qint64 replicationField(const RedisServer& server, const QByteArray& field)
{
    for (const QByteArray& line : server.cli({u"INFO"_s, u"replication"_s}).split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().toLongLong();
    }
    return -1;
}

bool replicaInSync(const RedisServer& replica, const RedisServer& master)
{
    const QByteArray info = replica.cli({u"INFO"_s, u"replication"_s});
    return info.contains("role:slave") && info.contains("master_link_status:up")
        && info.contains(QByteArray("master_port:" + QByteArray::number(master.port())));
}

} // namespace

std::unique_ptr<RedisSentinelSet> RedisSentinelSet::start(int sentinels, QString* error)
{
    const auto failed = [&](const QString& message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (sentinels < 1)
        return failed(u"a Sentinel set needs at least one Sentinel"_s);

    std::unique_ptr<RedisSentinelSet> set(new RedisSentinelSet);
    QString nodeError;
    set->m_first = RedisServer::start(dataNodeOptions(), &nodeError);
    if (!set->m_first)
        return failed(u"master: "_s + nodeError);
    RedisServerOptions replicaOptions = dataNodeOptions();
    replicaOptions.extraConfig << u"replicaof 127.0.0.1 %1"_s.arg(set->m_first->port());
    set->m_second = RedisServer::start(replicaOptions, &nodeError);
    if (!set->m_second)
        return failed(u"replica: "_s + nodeError);
    set->m_master = set->m_first.get();
    set->m_replica = set->m_second.get();

    for (int i = 0; i < sentinels; ++i) {
        RedisServerOptions options;
        options.sentinel = true;
        options.extraConfig
            << u"sentinel monitor %1 127.0.0.1 %2 1"_s.arg(MasterName).arg(set->m_master->port())
            << u"sentinel down-after-milliseconds %1 1000"_s.arg(MasterName)
            << u"sentinel failover-timeout %1 5000"_s.arg(MasterName)
            << u"sentinel parallel-syncs %1 1"_s.arg(MasterName);
        auto sentinel = RedisServer::start(options, &nodeError);
        if (!sentinel)
            return failed(u"sentinel %1: "_s.arg(i) + nodeError);
        set->m_sentinels.push_back(std::move(sentinel));
    }
    QString waitError;
    if (!set->waitForSentinelsReady(20000, &waitError))
        return failed(waitError);
    return set;
}

RedisSentinelSet::~RedisSentinelSet()
{
    // Sentinels first, so none of them reacts to the data nodes going away.
    m_sentinels.clear();
}

QList<RedisServer*> RedisSentinelSet::sentinels() const
{
    QList<RedisServer*> out;
    for (const auto& sentinel : m_sentinels)
        out.append(sentinel.get());
    return out;
}

QStringList RedisSentinelSet::sentinelEndpoints() const
{
    QStringList out;
    for (const auto& sentinel : m_sentinels)
        out.append(sentinel->endpoint());
    return out;
}

QString RedisSentinelSet::masterName() const
{
    return MasterName;
}

QString RedisSentinelSet::reportedMasterEndpoint(int sentinel) const
{
    const QList<QByteArray> reply
        = m_sentinels.at(static_cast<size_t>(sentinel))
              ->cli({u"SENTINEL"_s, u"get-master-addr-by-name"_s, MasterName})
              .split('\n');
    if (reply.size() != 2)
        return {};
    return QString::fromUtf8(reply[0].trimmed() + ':' + reply[1].trimmed());
}

bool RedisSentinelSet::allSentinelsReport(const QString& endpoint) const
{
    for (size_t i = 0; i < m_sentinels.size(); ++i) {
        if (reportedMasterEndpoint(static_cast<int>(i)) != endpoint)
            return false;
    }
    return true;
}

bool RedisSentinelSet::waitForSentinelsReady(int timeoutMs, QString* error) const
{
    const QDeadlineTimer deadline(timeoutMs);
    if (!waitFor(deadline, [&] { return replicaInSync(*m_replica, *m_master); }))
        return fail(error,
            u"replica %1 did not sync with master %2:\n"_s.arg(
                m_replica->endpoint(), m_master->endpoint())
                + m_replica->logTail());
    // Each Sentinel learns of the replica from the master's INFO; failover needs that.
    const QByteArray replicaName = m_replica->endpoint().toUtf8();
    const bool ready = waitFor(deadline, [&] {
        for (const auto& sentinel : m_sentinels) {
            const QByteArray replicas = sentinel->cli({u"SENTINEL"_s, u"replicas"_s, MasterName});
            if (!replicas.contains(replicaName))
                return false;
        }
        return allSentinelsReport(m_master->endpoint());
    });
    return ready
        || fail(error,
            u"the Sentinels did not report master %1 and replica %2"_s.arg(
                m_master->endpoint(), m_replica->endpoint()));
}

QString RedisSentinelSet::failover(int timeoutMs, QString* error)
{
    const QDeadlineTimer deadline(timeoutMs);
    const QString oldMaster = m_master->endpoint();
    QString newMaster = m_replica->endpoint();
    // Sentinel promotes without waiting for the replica to catch up, so a write made just
    // before failover() could otherwise be missing on the new master.
    // WAIT would only cover writes of its own (fresh) connection, so compare offsets instead:
    // the replica must have processed everything the master had written when we looked.
    const qint64 target = replicationField(*m_master, QByteArrayLiteral("master_repl_offset"));
    const bool synced = waitFor(deadline, [&] {
        return replicaInSync(*m_replica, *m_master)
            && replicationField(*m_replica, QByteArrayLiteral("slave_repl_offset")) >= target;
    });
    if (!synced) {
        fail(error, u"replica %1 is not in sync with %2"_s.arg(newMaster, oldMaster));
        return {};
    }
    // Right after start or a previous failover the Sentinel may not yet consider the replica
    // fit (NOGOODSLAVE) until its next INFO round: retry until it accepts.
    QByteArray reply;
    const bool accepted = waitFor(deadline, [&] {
        reply = m_sentinels.front()->cli({u"SENTINEL"_s, u"FAILOVER"_s, MasterName});
        return reply == "OK" || reply.startsWith("INPROG");
    });
    if (!accepted) {
        fail(error, u"SENTINEL FAILOVER was refused: "_s + QString::fromUtf8(reply));
        return {};
    }
    if (!waitFor(deadline, [&] { return allSentinelsReport(newMaster); })) {
        fail(error,
            u"the Sentinels did not report %1 as master after failover (still %2)"_s.arg(
                newMaster, reportedMasterEndpoint()));
        return {};
    }
    std::swap(m_master, m_replica);
    return newMaster;
}

bool RedisSentinelSet::waitUntilReplicated(int timeoutMs, QString* error) const
{
    const QDeadlineTimer deadline(timeoutMs);
    return waitFor(deadline, [&] { return replicaInSync(*m_replica, *m_master); })
        || fail(error,
            u"%1 did not become an in-sync replica of %2"_s.arg(
                m_replica->endpoint(), m_master->endpoint()));
}

} // namespace qd::test
