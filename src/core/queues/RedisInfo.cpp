#include "core/queues/RedisInfo.h"

#include <QList>

namespace qd::RedisInfo {

void addTo(const QByteArray& infoText, RedisServerStat& stats)
{
    for (const QByteArray& line : infoText.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith('#'))
            continue;
        const QByteArray key = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
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
