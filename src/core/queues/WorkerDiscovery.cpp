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
    for (const QString& id : found) {
        if (!state.current.contains(id) && !state.lastCycle.contains(id)) {
            ++m_version; // a worker not known before
            break;
        }
    }
    state.current.unite(found);
    state.cursor = nextCursor;
    if (nextCursor == "0") {
        if (!state.current.contains(state.lastCycle))
            ++m_version; // a worker of the last cycle was not seen again: it is forgotten
        state.lastCycle = std::move(state.current);
        state.current.clear();
        state.cycled = true;
    }
}

void WorkerDiscovery::retainNodes(const QSet<QString>& nodes)
{
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (nodes.contains(it.key())) {
            ++it;
        } else {
            it = m_nodes.erase(it);
            ++m_version;
        }
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
