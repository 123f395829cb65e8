#include "core/redis/SlotMap.h"

#include "core/redis/HashSlot.h"

#include <algorithm>
#include <map>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;

bool fail(QString* error, const QString& reason)
{
    if (error)
        *error = reason;
    return false;
}

} // namespace

SlotMap::SlotMap() : m_owner(hashslot::kSlotCount, -1)
{
}

std::optional<SlotMap> SlotMap::fromClusterSlots(
    const Reply& reply, const Endpoint& answeredBy, QString* error)
{
    if (!reply.isArray()) {
        fail(error, u"CLUSTER SLOTS answered "_s + reply.toDebugString());
        return std::nullopt;
    }
    // Read every range first, then number the masters by their lowest slot.
    struct Range {
        int first;
        int last;
        NodeInfo node;
    };
    std::vector<Range> ranges;
    for (const Reply& entry : reply.elements()) {
        bool firstOk = false;
        bool lastOk = false;
        bool portOk = false;
        const int first = entry.size() >= 3 ? int(entry.at(0).toInteger(&firstOk)) : -1;
        const int last = entry.size() >= 3 ? int(entry.at(1).toInteger(&lastOk)) : -1;
        const Reply& master = entry.size() >= 3 ? entry.at(2) : entry;
        const qint64 port = master.size() >= 2 ? master.at(1).toInteger(&portOk) : 0;
        if (!firstOk || !lastOk || !portOk || first < 0 || last < first
            || last >= hashslot::kSlotCount || port <= 0 || port > 65535
            || !master.at(0).isString()) {
            fail(error, u"unexpected CLUSTER SLOTS entry "_s + entry.toDebugString());
            return std::nullopt;
        }
        QString host = master.at(0).toString();
        if (host.isEmpty() || host == u"?")
            host = answeredBy.host;
        NodeInfo node {Endpoint::tcp(host, static_cast<quint16>(port)), QString()};
        node.endpoint.transport
            = answeredBy.isTls() ? Endpoint::Transport::Tls : Endpoint::Transport::Tcp;
        if (master.size() >= 3 && master.at(2).isString())
            node.id = master.at(2).toString();
        ranges.push_back({first, last, std::move(node)});
    }
    std::sort(ranges.begin(), ranges.end(),
        [](const Range& a, const Range& b) { return a.first < b.first; });

    SlotMap map;
    std::map<QString, qint16> indexOf;
    for (const Range& range : ranges) {
        const QString address = range.node.address();
        auto found = indexOf.find(address);
        if (found == indexOf.end()) {
            found = indexOf.emplace(address, static_cast<qint16>(map.m_masters.size())).first;
            map.m_masters.append(range.node);
        }
        std::fill(
            map.m_owner.begin() + range.first, map.m_owner.begin() + range.last + 1, found->second);
    }
    return map;
}

const NodeInfo* SlotMap::owner(int slot) const
{
    if (slot < 0 || slot >= hashslot::kSlotCount || m_owner[size_t(slot)] < 0)
        return nullptr;
    return &m_masters.at(m_owner[size_t(slot)]);
}

int SlotMap::uncoveredSlots() const
{
    return static_cast<int>(std::count(m_owner.begin(), m_owner.end(), qint16(-1)));
}

} // namespace qd::redis
