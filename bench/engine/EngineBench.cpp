// qd-bench-engine: what polling costs, through the real engine (Manager, Poller,
// GoRedisWorkQueue). Subcommands (bench/engine/run.sh drives them):
//   seed <endpoint>...             writes the benchmark state (EngineWorld) into each server
//   config <file> <interval> <api-port> <audit-file> <endpoint>...
//                                  a queuedeck-server config watching every endpoint
//   cost <endpoint>                one cluster's poll cost, the engine's PollCost next to what
//                                  Redis counted (INFO stats / commandstats deltas)
//   cycle <cycles> <endpoint>...   wall time of one polling cycle: each cluster alone, then the
//                                  first 10, then all of them polled together
//   sidekiq-engine <cycles> <endpoint>
//                                  a Sidekiq cluster (SidekiqWorld: 20 queues, 10 processes)
//                                  through the engine: poll cost against Redis's counters,
//                                  cycle wall time and CPU per poll; flushes the database
//   sidekiq-cost <endpoint>        the Sidekiq reader's cost for several deployment sizes
//                                  (SidekiqWorld), from which the cost per queue and per process
//                                  follows; flushes the endpoint's database
//   bullmq-engine <cycles> <endpoint>
//                                  a BullMQ cluster (BullMqWorld: 100 queues, 20 worker
//                                  connections) through the engine, as sidekiq-engine; flushes
//                                  the database
//   rq-seed <endpoint>             writes an RQ deployment (RqWorld: 20 queues, 10 workers);
//                                  flushes the database
//   rq-engine <cycles> <endpoint>  the RQ deployment at endpoint, as found (rq-seed, perhaps
//                                  with jobs RQ itself enqueued), through the engine: poll cost
//                                  against Redis's counters, cycle wall time and CPU per poll,
//                                  then a line of totals to compare with RQ's own API
//   rq-cost <endpoint>             the RQ poll's cost for several deployment sizes (RqWorld),
//                                  from which the cost per queue and per worker follows;
//                                  flushes the database
//   celery-engine <cycles> <endpoint>
//                                  a Celery broker (CeleryWorld: 10 queues, 10 workers known
//                                  from events published while it polls) through the engine;
//                                  then what draining the events costs a poll; flushes the
//                                  database
// Options --queues (100) and --workers (200) must match between seed and the others.

#include "BenchSupport.h"
#include "EngineWorld.h"
#include "PollProbe.h"
#include "SystemBenches.h"
#include "core/config/ConfigWriter.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/queues/rq/RqBackend.h"
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"
#include "core/util/Log.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::Manager;
using qd::bench::EngineWorld;
using namespace qd::bench;

namespace {

// A Manager over the given endpoints with polling off: the benchmark starts every poll itself,
// so a "cycle" is exactly one poll of every cluster, started together.
std::unique_ptr<Manager> managerFor(const EngineWorld& world, const QStringList& endpoints)
{
    qd::Config config = world.config(endpoints, 60s);
    config.polling.enabled = false;
    config.polling.jitter = 0ms;
    config.polling.timeout = 10s;
    auto manager = std::make_unique<Manager>(config);
    manager->start();
    return manager;
}

// Polls until worker discovery has finished a SCAN cycle on every cluster and found every
// seeded worker, so that measured polls carry the full per-worker load.
void warmUp(Manager& manager, const EngineWorld& world)
{
    for (int round = 0; round < 50; ++round) {
        runCycle(manager);
        bool ready = true;
        for (const QString& name : manager.enabledClusters()) {
            const auto stats = manager.cachedStats(name);
            ready = ready && stats && stats->workersComplete && stats->workerCount == world.workers;
        }
        if (ready)
            return;
    }
    fail(u"worker discovery did not find all %1 workers in 50 polls (was the state seeded?)"_s.arg(
        world.workers));
}

struct CycleFigures {
    std::vector<double> wall;
    std::vector<double> slowest;
    int failed = 0;
    double cpuMsPerPoll = 0;
};

CycleFigures measureCycles(const EngineWorld& world, const QStringList& endpoints, int cycles)
{
    const auto manager = managerFor(world, endpoints);
    warmUp(*manager, world);
    CycleFigures figures;
    double cpuMs = 0;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms); // let the previous cycle's stragglers (pool threads, sockets) settle
        const double cpuBefore = processCpuMs();
        const Cycle cycle = runCycle(*manager);
        cpuMs += processCpuMs() - cpuBefore;
        figures.wall.push_back(cycle.wallMs);
        figures.slowest.push_back(cycle.slowestPollMs);
        figures.failed += cycle.failed;
    }
    figures.cpuMsPerPoll = cpuMs / (cycles * static_cast<double>(endpoints.size()));
    return figures;
}

int seed(const EngineWorld& world, const QStringList& endpoints)
{
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (const QString& endpoint : endpoints) {
        threads.emplace_back([&world, &failures, endpoint] {
            try {
                world.seed(endpoint);
            } catch (const qd::redis::ConnectionError& e) {
                std::fputs(qPrintable(e.message() + u'\n'), stderr);
                ++failures;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    if (failures > 0)
        fail(u"%1 servers could not be seeded"_s.arg(failures.load()));
    out(u"seeded %1 servers: %2 queues, %3 workers each"_s.arg(endpoints.size())
            .arg(world.queues)
            .arg(world.workers));
    return 0;
}

int writeConfig(const EngineWorld& world, const QStringList& args)
{
    if (args.size() < 5)
        fail(u"config <file> <interval> <api-port> <audit-file> <endpoint>..."_s);
    QString error;
    const auto interval = qd::duration::parse(args[1], &error);
    if (!interval)
        fail(u"interval: "_s + error);
    qd::Config config = world.config(args.mid(4), *interval);
    config.api.listen = u"127.0.0.1:"_s + args[2];
    config.api.token = u"bench-token-0123456789abcdef"_s;
    config.audit.path = args[3];
    QFile file(args[0]);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(u"cannot write %1: %2"_s.arg(args[0], file.errorString()));
    file.write(QJsonDocument(qd::ConfigWriter::toJson(config)).toJson());
    return 0;
}

int cost(const EngineWorld& world, const QString& endpoint)
{
    const auto manager = managerFor(world, {endpoint});
    warmUp(*manager, world);
    const QString name = manager->enabledClusters().constFirst();
    qd::bench::PollProbe probe(endpoint);
    out(u"Poll cost of one cluster (%1 queues, %2 workers), engine's PollCost vs Redis's counters:"_s
            .arg(world.queues)
            .arg(world.workers));
    out(u"  %1 %2 %3 %4 %5 %6 %7"_s.arg(u"poll"_s, -5)
            .arg(u"round trips"_s, 12)
            .arg(u"commands"_s, 9)
            .arg(u"redis cmds"_s, 11)
            .arg(u"sent B"_s, 8)
            .arg(u"redis in B"_s, 11)
            .arg(u"recv B"_s, 8)
        + u" %1"_s.arg(u"redis out B"_s, 12));
    qd::bench::ServerCounters last;
    for (int i = 1; i <= 5; ++i) {
        const qd::bench::ServerCounters d = probe.delta([&] { runCycle(*manager); });
        const qd::PollCost c = manager->cachedStats(name).value_or(qd::ClusterStats {}).cost;
        out(u"  %1 %2 %3 %4 %5 %6 %7"_s.arg(i, -5)
                .arg(c.roundTrips, 12)
                .arg(c.commands, 9)
                .arg(d.commands, 11)
                .arg(c.bytesSent, 8)
                .arg(d.netIn, 11)
                .arg(c.bytesReceived, 8)
            + u" %1"_s.arg(d.netOut, 12));
        last = d;
    }
    QStringList calls;
    for (auto it = last.calls.cbegin(); it != last.calls.cend(); ++it)
        calls.append(u"%1 %2"_s.arg(it.key().toUpper()).arg(it.value()));
    calls.sort();
    out(u"  Redis commandstats of the last poll: "_s + calls.join(u", "_s));
    return 0;
}

int cycle(const EngineWorld& world, int cycles, const QStringList& endpoints)
{
    out(u"Polling cycle wall time (refresh of every cluster until the last result is handled), "
        "%1 cycles per row, ms:"_s.arg(cycles));
    out(u"  %1 %2 %3 %4 %5 %6"_s.arg(u"clusters"_s, -9)
            .arg(u"median"_s, 8)
            .arg(u"p90"_s, 8)
            .arg(u"max"_s, 8)
            .arg(u"slowest poll (median)"_s, 22)
            .arg(u"failed"_s, 7)
        + u" %1"_s.arg(u"CPU ms/poll"_s, 12));
    // Each cluster alone: its own cycle is its single-cluster cost.
    std::vector<double> aloneMedians;
    std::vector<double> aloneCpu;
    int aloneFailed = 0;
    for (const QString& endpoint : endpoints) {
        const CycleFigures f = measureCycles(world, {endpoint}, cycles);
        aloneMedians.push_back(percentile(f.wall, 50));
        aloneCpu.push_back(f.cpuMsPerPoll);
        aloneFailed += f.failed;
    }
    const double slowestAlone = *std::max_element(aloneMedians.begin(), aloneMedians.end());
    out(u"  %1 %2 %3 %4 %5 %6 %7   (each of the %8 alone: median of medians, p90, slowest)"_s
            .arg(u"1"_s, -9)
            .arg(ms(percentile(aloneMedians, 50)), 8)
            .arg(ms(percentile(aloneMedians, 90)), 8)
            .arg(ms(slowestAlone), 8)
            .arg(u"-"_s, 22)
            .arg(aloneFailed, 7)
            .arg(ms(percentile(aloneCpu, 50)), 12)
            .arg(endpoints.size()));
    double allMedian = percentile(aloneMedians, 50);
    QList<qsizetype> sizes;
    if (endpoints.size() > 10)
        sizes.append(10);
    if (endpoints.size() > 1)
        sizes.append(endpoints.size());
    for (const qsizetype n : std::as_const(sizes)) {
        const CycleFigures f = measureCycles(world, endpoints.mid(0, n), cycles);
        allMedian = percentile(f.wall, 50);
        out(u"  %1 %2 %3 %4 %5 %6"_s.arg(n, -9)
                .arg(ms(allMedian), 8)
                .arg(ms(percentile(f.wall, 90)), 8)
                .arg(ms(*std::max_element(f.wall.begin(), f.wall.end())), 8)
                .arg(ms(percentile(f.slowest, 50)), 22)
                .arg(f.failed, 7)
            + u" %1"_s.arg(ms(f.cpuMsPerPoll), 12));
    }
    // The target depends on where the servers are (docs/benchmarks.md): behind network latency
    // the polls overlap and 1.5x is the aim; on the same cores as QueueDeck they cannot.
    out(u"  %1 clusters / slowest single cluster: %2x"_s.arg(endpoints.size())
            .arg(allMedian / slowestAlone, 0, 'f', 2));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qd::log::setup(qd::log::Format::Text, spdlog::level::warn);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"QueueDeck polling benchmark (see bench/engine/run.sh)"_s);
    parser.addHelpOption();
    const QCommandLineOption queues(u"queues"_s, u"queues per server"_s, u"n"_s, u"100"_s);
    const QCommandLineOption workers(u"workers"_s, u"workers per server"_s, u"n"_s, u"200"_s);
    parser.addOptions({queues, workers});
    parser.addPositionalArgument(u"command"_s,
        u"seed | config | cost | cycle | sidekiq-engine | sidekiq-cost | bullmq-engine | rq-seed | "
        "rq-engine | rq-cost | celery-engine"_s);
    parser.process(app);
    EngineWorld world;
    world.queues = parser.value(queues).toInt();
    world.workers = parser.value(workers).toInt();
    if (world.queues < 1 || world.workers < 1)
        fail(u"--queues and --workers must be positive numbers"_s);
    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0);
    const QStringList rest = args.mid(1);
    try {
        if (command == u"seed" && !rest.isEmpty())
            return seed(world, rest);
        if (command == u"config")
            return writeConfig(world, rest);
        if (command == u"cost" && rest.size() == 1)
            return cost(world, rest[0]);
        if (command == u"cycle" && rest.size() >= 2 && rest[0].toInt() > 0)
            return cycle(world, rest[0].toInt(), rest.mid(1));
        if (command == u"sidekiq-engine" && rest.size() == 2 && rest[0].toInt() > 0)
            return sidekiqEngine(rest[0].toInt(), rest[1]);
        if (command == u"sidekiq-cost" && rest.size() == 1)
            return sidekiqCost(rest[0]);
        if (command == u"bullmq-engine" && rest.size() == 2 && rest[0].toInt() > 0)
            return bullmqEngine(rest[0].toInt(), rest[1]);
        if (command == u"rq-seed" && rest.size() == 1)
            return rqSeed(rest[0]);
        if (command == u"rq-engine" && rest.size() == 2 && rest[0].toInt() > 0)
            return rqEngine(rest[0].toInt(), rest[1]);
        if (command == u"rq-cost" && rest.size() == 1)
            return rqCost(rest[0]);
        if (command == u"celery-engine" && rest.size() == 2 && rest[0].toInt() > 0)
            return celeryEngine(rest[0].toInt(), rest[1]);
    } catch (const qd::QueueDeckError& e) {
        fail(e.message());
    } catch (const qd::redis::ConnectionError& e) {
        fail(e.message());
    }
    fail(u"usage: seed <endpoint>... | config <file> <interval> <api-port> <audit-file> "
         "<endpoint>... | cost <endpoint> | cycle <cycles> <endpoint>... | sidekiq-engine "
         "<cycles> <endpoint> | sidekiq-cost <endpoint> | bullmq-engine <cycles> <endpoint> | "
         "rq-seed <endpoint> | rq-engine <cycles> <endpoint> | rq-cost <endpoint> | "
         "celery-engine <cycles> <endpoint>"_s);
}
