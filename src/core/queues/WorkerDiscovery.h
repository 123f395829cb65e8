#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace qd {

// Finds workers without ever scanning the whole keyspace in one go: each poll advances a SCAN
// cursor per node by one bounded step, and when a node's cycle completes, what that cycle
// found replaces what the node's previous cycle found. Between cycles the known set is the
// last complete cycle plus whatever the current one has found so far.
class WorkerDiscovery final {
public:
    QByteArray cursor(const QString& node) const;
    // Records one SCAN step's answer for node: the next cursor and the worker ids found.
    void advance(const QString& node, const QByteArray& nextCursor, const QSet<QString>& found);
    // Nodes that disappeared (resharding, failover) stop contributing.
    void retainNodes(const QSet<QString>& nodes);

    QSet<QString> known() const;
    // True once every node seen has completed at least one full cycle.
    bool complete() const;
    // Changes whenever known() may have changed, so a caller can keep what it derived from the
    // known set (the poll's pipelines) until then.
    quint64 version() const { return m_version; }

private:
    struct NodeState {
        QByteArray cursor = QByteArrayLiteral("0");
        QSet<QString> current;
        QSet<QString> lastCycle;
        bool cycled = false;
    };
    QHash<QString, NodeState> m_nodes;
    quint64 m_version = 0;
};

} // namespace qd
