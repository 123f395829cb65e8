#pragma once

#include <QHash>
#include <QString>

#include <memory>

namespace qd::redis {
class RedisClient;
}

namespace qd::bench {

// What Redis itself counted: total commands, network bytes in and out, and calls per command
// (INFO stats + INFO commandstats). Lets the benchmark check the engine's own PollCost against
// the server's books instead of trusting the figure it reports about itself.
struct ServerCounters {
    qint64 commands = 0;
    qint64 netIn = 0;
    qint64 netOut = 0;
    QHash<QString, qint64> calls; // "llen" -> calls

    ServerCounters operator-(const ServerCounters& before) const;
};

// Reads ServerCounters on its own connection. Its own INFO calls show up in the counters too;
// delta() removes them by measuring an empty interval first.
class PollProbe final {
public:
    explicit PollProbe(const QString& endpoint);
    ~PollProbe();

    ServerCounters read();
    // What Redis counted for whatever ran during work(), less the probe's own reads.
    template <typename Work>
    ServerCounters delta(Work&& work)
    {
        const ServerCounters a = read();
        const ServerCounters b = read();
        work();
        const ServerCounters c = read();
        return subtractOverhead(c - b, b - a);
    }

private:
    static ServerCounters subtractOverhead(ServerCounters measured, const ServerCounters& overhead);
    std::unique_ptr<redis::RedisClient> m_client;
};

} // namespace qd::bench
