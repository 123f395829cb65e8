#include "core/queues/WorkerDiscovery.h"

namespace qd {

QByteArray WorkerDiscovery::cursor(const QString& node) const
{
    const auto it = m_nodes.constFind(node);
    return it == m_nodes.cend() ? QByteArrayLiteral("0") : it->cursor;
}

void WorkerDiscovery::advance(
    const QString& node, const QByteArray& nextCursor, const QSet<QString>& found)
{
    NodeState& state = m_nodes[node];
    state.current.unite(found);
    state.cursor = nextCursor;
    if (nextCursor == "0") {
        state.lastCycle = std::move(state.current);
        state.current.clear();
        state.cycled = true;
    }
}

void WorkerDiscovery::retainNodes(const QSet<QString>& nodes)
{
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (nodes.contains(it.key()))
            ++it;
        else
            it = m_nodes.erase(it);
    }
}

QSet<QString> WorkerDiscovery::known() const
{
    QSet<QString> all;
    for (const NodeState& state : m_nodes) {
        all.unite(state.lastCycle);
        all.unite(state.current);
    }
    return all;
}

bool WorkerDiscovery::complete() const
{
    if (m_nodes.isEmpty())
        return false;
    return std::all_of(
        m_nodes.cbegin(), m_nodes.cend(), [](const NodeState& s) { return s.cycled; });
}

} // namespace qd
