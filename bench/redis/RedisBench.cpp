// qd-bench-redis: measures what the Redis layer costs, through the same RedisClient the engine
// uses. Two modes:
//   latency <endpoint> <depth> <samples>      median wall time of one PING and of one pipeline
//                                             of <depth> LLEN (run it through delay_proxy.py)
//   throughput <endpoint> <depth> <total> <threads>
//                                             pipelined LLEN per second, <threads> callers
//                                             sharing one client (one pooled connection each)
// Output is one "key=value" line per figure, for run.sh to tabulate.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using qd::redis::CallStats;
using qd::redis::Command;
using qd::redis::RedisClient;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<RedisClient> connect(const QString& endpoint)
{
    qd::ClusterConfig config;
    config.name = u"bench"_s;
    config.endpoint = endpoint;
    return RedisClient::create(config, std::chrono::seconds(10));
}

QList<Command> llenPipeline(int depth)
{
    return QList<Command>(depth, Command {"LLEN", "bench:list"});
}

double medianMs(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

template <typename Call>
double timeMs(Call&& call)
{
    const Clock::time_point start = Clock::now();
    call();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int latency(const QString& endpoint, int depth, int samples)
{
    const auto client = connect(endpoint);
    const QList<Command> pipeline = llenPipeline(depth);
    client->command({"PING"}); // connect and handshake outside the measurement
    std::vector<double> ping;
    std::vector<double> piped;
    CallStats cost;
    for (int i = 0; i < samples; ++i) {
        ping.push_back(timeMs([&] { client->command({"PING"}); }));
        piped.push_back(timeMs([&] { client->pipeline(pipeline, &cost); }));
    }
    std::printf("ping_ms=%.2f\npipeline_ms=%.2f\npipeline_round_trips=%lld\n", medianMs(ping),
        medianMs(piped), static_cast<long long>(cost.roundTrips / samples));
    return 0;
}

int throughput(const QString& endpoint, int depth, qint64 total, int threads)
{
    const auto client = connect(endpoint);
    client->command({"RPUSH", "bench:list", "a", "b", "c"});
    const QList<Command> pipeline = llenPipeline(depth);
    const qint64 perThread = total / threads / depth;
    std::vector<std::thread> callers;
    callers.reserve(size_t(threads));
    const Clock::time_point start = Clock::now();
    for (int t = 0; t < threads; ++t) {
        callers.emplace_back([&client, &pipeline, perThread] {
            for (qint64 i = 0; i < perThread; ++i)
                client->pipeline(pipeline);
        });
    }
    for (std::thread& caller : callers)
        caller.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double commands = double(perThread) * depth * threads;
    std::printf(
        "commands=%.0f\nseconds=%.3f\nops_per_sec=%.0f\n", commands, seconds, commands / seconds);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() == 5 && args.at(1) == u"latency")
            return latency(args.at(2), args.at(3).toInt(), args.at(4).toInt());
        if (args.size() == 6 && args.at(1) == u"throughput")
            return throughput(args.at(2), args.at(3).toInt(), args.at(4).toLongLong(),
                std::max(1, args.at(5).toInt()));
    } catch (const qd::redis::ConnectionError& error) {
        std::fprintf(stderr, "qd-bench-redis: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr,
        "usage: qd-bench-redis latency <endpoint> <depth> <samples>\n"
        "       qd-bench-redis throughput <endpoint> <depth> <total> <threads>\n");
    return 2;
}
