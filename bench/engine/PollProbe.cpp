#include "PollProbe.h"

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

using namespace Qt::StringLiterals;

namespace qd::bench {

ServerCounters ServerCounters::operator-(const ServerCounters& before) const
{
    ServerCounters d;
    d.commands = commands - before.commands;
    d.netIn = netIn - before.netIn;
    d.netOut = netOut - before.netOut;
    for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
        const qint64 n = it.value() - before.calls.value(it.key());
        if (n != 0)
            d.calls.insert(it.key(), n);
    }
    return d;
}

PollProbe::PollProbe(const QString& endpoint)
{
    ClusterConfig config;
    config.name = u"probe"_s;
    config.endpoint = endpoint;
    m_client = redis::RedisClient::create(config, std::chrono::seconds(10));
}

PollProbe::~PollProbe() = default;

ServerCounters PollProbe::read()
{
    const QList<redis::Reply> replies = m_client->pipeline(
        {redis::Command {"INFO", "stats"}, redis::Command {"INFO", "commandstats"}});
    ServerCounters counters;
    for (const redis::Reply& reply : replies) {
        if (reply.isError())
            throw redis::ConnectionError(redis::ConnectionError::Kind::Protocol, u"probe"_s,
                QString(), u"INFO failed: "_s + reply.toString());
        for (const QByteArray& raw : reply.toByteArray().split('\n')) {
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = line.left(colon);
            const QByteArray value = line.mid(colon + 1);
            if (key == "total_commands_processed")
                counters.commands = value.toLongLong();
            else if (key == "total_net_input_bytes")
                counters.netIn = value.toLongLong();
            else if (key == "total_net_output_bytes")
                counters.netOut = value.toLongLong();
            else if (key.startsWith("cmdstat_")) {
                // cmdstat_llen:calls=100,usec=...
                const qsizetype start = value.indexOf("calls=") + 6;
                const qsizetype end = value.indexOf(',', start);
                counters.calls.insert(
                    QString::fromLatin1(key.mid(8)), value.mid(start, end - start).toLongLong());
            }
        }
    }
    return counters;
}

ServerCounters PollProbe::subtractOverhead(ServerCounters measured, const ServerCounters& overhead)
{
    measured.commands -= overhead.commands;
    measured.netIn -= overhead.netIn;
    measured.netOut -= overhead.netOut;
    for (auto it = overhead.calls.cbegin(); it != overhead.calls.cend(); ++it) {
        measured.calls[it.key()] -= it.value();
        if (measured.calls[it.key()] == 0)
            measured.calls.remove(it.key());
    }
    return measured;
}

} // namespace qd::bench
