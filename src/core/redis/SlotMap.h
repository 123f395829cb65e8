#pragma once

#include "core/redis/Endpoint.h"
#include "core/redis/NodeInfo.h"
#include "core/redis/Reply.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace qd::redis {

// Which master owns each of Redis Cluster's 16384 hash slots, as read from CLUSTER SLOTS.
class SlotMap final {
public:
    // answeredBy: the node that sent the reply. Its transport is given to every node, and its
    // host stands in for the empty host Redis reports when a node does not know its own address.
    static std::optional<SlotMap> fromClusterSlots(
        const Reply& reply, const Endpoint& answeredBy, QString* error = nullptr);

    // The master owning the slot; nullptr while no node serves it.
    const NodeInfo* owner(int slot) const;
    // Every master, ordered by the lowest slot it owns.
    const QList<NodeInfo>& masters() const { return m_masters; }
    int uncoveredSlots() const;

private:
    SlotMap();

    QList<NodeInfo> m_masters;
    std::vector<qint16> m_owner; // index into m_masters, -1 when unowned
};

} // namespace qd::redis
