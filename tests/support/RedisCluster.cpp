#include "support/RedisCluster.h"

#include "support/RedisCli.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::test {
namespace {

constexpr int PollMs = 100;

// One node's view of the cluster as a canonical text: "M <addr> <slots>" per master and
// "S <addr> <master addr>" per replica, sorted. Empty while the view is not settled (a node
// in handshake, failing, or without a link), so equal non-empty views mean agreement.
QByteArray canonicalView(const QByteArray& clusterNodes)
{
    QHash<QByteArray, QByteArray> addressOf;
    QList<QList<QByteArray>> rows;
    for (const QByteArray& line : clusterNodes.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split(' ');
        if (fields.size() < 8)
            continue;
        // "127.0.0.1:7000@17000[,hostname]": the client address is before the '@'.
        addressOf.insert(fields[0], fields[1].left(fields[1].indexOf('@')));
        rows.append(fields);
    }
    QList<QByteArray> view;
    for (const QList<QByteArray>& fields : rows) {
        const QByteArray& flags = fields[2];
        const bool myself = flags.contains("myself");
        if (flags.contains("fail") || flags.contains("handshake") || flags.contains("noaddr")
            || (!myself && fields[7] != "connected"))
            return {};
        const QByteArray address = addressOf.value(fields[0]);
        if (flags.contains("master")) {
            QList<QByteArray> slotRanges = fields.mid(8);
            std::sort(slotRanges.begin(), slotRanges.end());
            view.append("M " + address + ' ' + slotRanges.join(','));
        } else if (flags.contains("slave")) {
            if (!addressOf.contains(fields[3]))
                return {};
            view.append("S " + address + ' ' + addressOf.value(fields[3]));
        }
    }
    std::sort(view.begin(), view.end());
    return view.join('\n');
}

} // namespace

std::unique_ptr<RedisCluster> RedisCluster::start(
    int masters, int replicasPerMaster, QString* error)
{
    const auto failed = [&](const QString& message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (masters < 3 || replicasPerMaster < 0)
        return failed(u"a Redis Cluster needs at least 3 masters"_s);

    std::unique_ptr<RedisCluster> cluster(new RedisCluster);
    RedisServerOptions options;
    options.clusterEnabled = true;
    // Replicas sync right away instead of waiting for more replicas to share a diskless sync.
    options.extraConfig << u"repl-diskless-sync-delay 0"_s;
    for (int i = 0; i < masters * (1 + replicasPerMaster); ++i) {
        QString nodeError;
        auto node = RedisServer::start(options, &nodeError);
        if (!node)
            return failed(u"cluster node %1: %2"_s.arg(i).arg(nodeError));
        cluster->m_nodes.push_back(std::move(node));
    }

    QStringList args {u"--cluster"_s, u"create"_s};
    args << cluster->seedEndpoints();
    args << u"--cluster-replicas"_s << QString::number(replicasPerMaster) << u"--cluster-yes"_s;
    const RedisCli::Result created = RedisCli::run(args, 60000);
    if (!created.ok() || !created.out.contains("All 16384 slots covered")) {
        return failed(u"redis-cli --cluster create failed (exit %1):\n%2\n%3"_s.arg(
            QString::number(created.exitCode), QString::fromUtf8(created.out),
            QString::fromUtf8(created.err)));
    }
    QString waitError;
    if (!cluster->waitUntilConsistent(20000, &waitError))
        return failed(waitError);
    return cluster;
}

RedisCluster::~RedisCluster() = default;

QList<RedisServer*> RedisCluster::nodes() const
{
    QList<RedisServer*> out;
    for (const auto& node : m_nodes)
        out.append(node.get());
    return out;
}

QList<RedisServer*> RedisCluster::masters() const
{
    QList<RedisServer*> out;
    for (const auto& node : m_nodes) {
        if (node->isRunning() && node->cli({u"ROLE"_s}).startsWith("master"))
            out.append(node.get());
    }
    return out;
}

QStringList RedisCluster::seedEndpoints() const
{
    QStringList out;
    for (const auto& node : m_nodes)
        out.append(node->endpoint());
    return out;
}

bool RedisCluster::waitUntilConsistent(int timeoutMs, QString* error) const
{
    const QDeadlineTimer deadline(timeoutMs);
    QString problem;
    for (;;) {
        problem.clear();
        QByteArray firstView;
        for (const auto& node : m_nodes) {
            const QByteArray info = node->cli({u"CLUSTER"_s, u"INFO"_s});
            if (!info.contains("cluster_state:ok")) {
                problem = node->endpoint() + u" is not cluster_state:ok"_s;
                break;
            }
            const QByteArray view = canonicalView(node->cli({u"CLUSTER"_s, u"NODES"_s}));
            if (view.isEmpty() || (!firstView.isEmpty() && view != firstView)) {
                problem = node->endpoint() + u" does not agree on the slot map:\n"_s
                    + QString::fromUtf8(node->cli({u"CLUSTER"_s, u"NODES"_s}));
                break;
            }
            firstView = view;
            // Replicas also finish their first sync, so reads from them see the data.
            if (view.contains(QByteArray("S " + node->endpoint().toUtf8() + ' '))
                && !node->cli({u"INFO"_s, u"replication"_s}).contains("master_link_status:up")) {
                problem = node->endpoint() + u" has not synced with its master"_s;
                break;
            }
        }
        if (problem.isEmpty())
            return true;
        if (deadline.hasExpired())
            break;
        QTest::qWait(PollMs);
    }
    if (error)
        *error
            = u"cluster not consistent after %1 ms: %2"_s.arg(QString::number(timeoutMs), problem);
    return false;
}

} // namespace qd::test
