#include "core/queues/RedisInfo.h"

#include <QByteArrayView>

namespace qd::RedisInfo {

void addTo(const QByteArray& infoText, RedisServerStat& stats)
{
    // Views into the reply, no copies: three INFO sections a poll are a few hundred lines, and
    // splitting them into byte arrays was a quarter of a fleet server's allocations.
    const QByteArrayView text(infoText);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith('#'))
            continue;
        const QByteArrayView key = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        bool ok = false;
        if (key == "used_memory") {
            const qint64 n = value.toLongLong(&ok);
            stats.usedMemory += ok ? n : 0;
        } else if (key == "maxmemory") {
            const qint64 n = value.toLongLong(&ok);
            stats.maxMemory += ok ? n : 0;
        } else if (key == "connected_clients") {
            const qint64 n = value.toLongLong(&ok);
            stats.connectedClients += ok ? n : 0;
        } else if (key == "instantaneous_ops_per_sec") {
            const double n = value.toDouble(&ok);
            stats.opsPerSec += ok ? n : 0;
        }
    }
}

} // namespace qd::RedisInfo
