#pragma once

#include "core/queues/sidekiq/SidekiqReading.h"

#include <QByteArray>
#include <QString>

namespace qd {

class Clock;
namespace redis {
class RedisClient;
class Script;
class Reply;
} // namespace redis

namespace sidekiq {

// Reads a Sidekiq deployment (docs/queue-systems/sidekiq.md) in one round trip: a read-only
// Lua script (declared no-writes, so Redis itself refuses any write in it) that reads the
// member lists and every member's keys. It never prunes dead processes as Sidekiq's own
// ProcessSet does: a monitor must not change what it watches. Stateless apart from its
// settings; read() may run on any thread, and on several at once.
class SidekiqReader final {
public:
    // Bounds on the members one read visits, so a runaway `queues` or `processes` set cannot
    // hold Redis's single thread in the script for long. Members are visited in sorted order,
    // so a cut is stable from poll to poll.
    struct Limits {
        int maxQueues = 2000;
        int maxProcesses = 2000;
    };

    // ns: the redis-namespace prefix without its ':' (empty: none).
    SidekiqReader(const QString& ns, const Clock& clock, Limits limits);
    SidekiqReader(const QString& ns, const Clock& clock);

    // Throws DataError for keys of the wrong type or a reply of the wrong shape, and the Redis
    // layer's ConnectionError when Redis cannot be reached.
    Reading read(redis::RedisClient& client) const;

    // The script's reply turned into a Reading; public so that malformed replies can be tested
    // without a server. prefix is keyPrefix(ns).
    static Reading parse(const redis::Reply& reply, const QByteArray& prefix);

    // "<ns>:" or empty: what every Sidekiq key starts with in this deployment.
    static QByteArray keyPrefix(const QString& ns);
    static const redis::Script& script();

private:
    QByteArray m_prefix;
    const Clock& m_clock;
    Limits m_limits;
};

} // namespace sidekiq
} // namespace qd
