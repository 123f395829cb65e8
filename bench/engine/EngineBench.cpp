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

#include "BullMqWorld.h"
#include "CeleryWorld.h"
#include "EngineWorld.h"
#include "PollProbe.h"
#include "RqWorld.h"
#include "SidekiqWorld.h"
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

namespace {

void out(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString& message)
{
    std::fputs(qPrintable(u"qd-bench-engine: "_s + message + u'\n'), stderr);
    std::exit(1);
}

// CPU time of this process so far (every thread: the poll tasks and the main thread that
// takes their results), in ms. Unlike wall time it hardly depends on the machine's load.
double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank
        = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

QString ms(double value)
{
    return QString::number(value, 'f', 2);
}

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

struct Cycle {
    double wallMs = 0; // refresh() until the last result is on the main thread
    double slowestPollMs = 0; // the longest single poll within the cycle (its own latencyMs)
    int failed = 0;
};

// Polls every cluster once, all at the same moment, and waits for every result.
Cycle runCycle(Manager& manager)
{
    const QStringList names = manager.enabledClusters();
    int pending = static_cast<int>(names.size());
    int updated = 0;
    QEventLoop loop;
    const auto healthConn = QObject::connect(&manager, &Manager::healthUpdated, &loop, [&] {
        if (--pending == 0)
            loop.quit();
    });
    const auto statsConn
        = QObject::connect(&manager, &Manager::statsUpdated, &loop, [&] { ++updated; });
    QTimer::singleShot(30s, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    manager.refresh();
    if (pending > 0)
        loop.exec();
    Cycle cycle;
    cycle.wallMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(healthConn);
    QObject::disconnect(statsConn);
    cycle.failed = static_cast<int>(names.size()) - updated;
    for (const QString& name : names)
        cycle.slowestPollMs = std::max(
            cycle.slowestPollMs, manager.cachedStats(name).value_or(qd::ClusterStats {}).latencyMs);
    return cycle;
}

void pause(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
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

// Redis's own time per EVALSHA (or EVAL) since the last CONFIG RESETSTAT (INFO commandstats):
// the time its single thread is held by the script, independent of the client's build.
QString scriptUsec(qd::redis::RedisClient& client, const QByteArray& command = "evalsha")
{
    const QByteArray info
        = client.command(qd::redis::Command {"INFO", "commandstats"}).toByteArray();
    const QByteArray prefix = "cmdstat_" + command + ':';
    for (const QByteArray& line : info.split('\n')) {
        if (!line.startsWith(prefix))
            continue;
        for (const QByteArray& field : line.trimmed().mid(prefix.size()).split(','))
            if (field.startsWith("usec_per_call="))
                return QString::fromLatin1(field.mid(14));
    }
    return u"?"_s;
}

// The tables of sidekiq-cost and rq-cost: one row per deployment size, with what the engine
// counted for one read, what Redis counted (bytes it sent, commands the script ran) and the
// read's median wall time and time inside Redis.
void printCostHeader(const QString& title, const QString& members, int membersWidth,
    const QString& scriptColumn, const QString& timeColumn)
{
    out(title);
    out(u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(u"queues"_s, -7)
            .arg(members, membersWidth)
            .arg(u"round trips"_s, 12)
            .arg(u"sent B"_s, 7)
            .arg(u"recv B"_s, 8)
            .arg(u"redis out B"_s, 12)
            .arg(scriptColumn, 12)
            .arg(timeColumn, 23)
        + u" %1"_s.arg(u"in Redis (µs)"_s, 15));
}

struct CostRow {
    int queues = 0;
    int members = 0; // processes or workers
    qint64 roundTrips = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 redisOut = 0; // what Redis counted as sent
    qint64 scriptCommands = 0; // what Redis ran besides the commands the read sent itself
    double medianMs = 0;
    QString redisUsec;
};

void printCostRow(const CostRow& row, int membersWidth)
{
    out(u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(row.queues, -7)
            .arg(row.members, membersWidth)
            .arg(row.roundTrips, 12)
            .arg(row.bytesSent, 7)
            .arg(row.bytesReceived, 8)
            .arg(row.redisOut, 12)
            .arg(row.scriptCommands, 12)
            .arg(ms(row.medianMs), 23)
        + u" %1"_s.arg(row.redisUsec, 15));
}

// Commands Redis counted in a delta other than those named: what a script ran inside.
qint64 commandsBesides(const qd::bench::ServerCounters& d, const QStringList& sent)
{
    qint64 n = 0;
    for (auto it = d.calls.cbegin(); it != d.calls.cend(); ++it)
        if (!sent.contains(it.key()))
            n += it.value();
    return n;
}

// Median wall time of `times` calls of read, in ms.
template <typename Read>
double medianMs(int times, Read read)
{
    std::vector<double> wall;
    for (int i = 0; i < times; ++i) {
        QElapsedTimer timer;
        timer.start();
        read();
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return percentile(wall, 50);
}

// One Sidekiq read per row of (queues, processes): its round trips and bytes as the client
// counts them, what Redis counted (the script's own commands appear in commandstats) and the
// read's wall time on loopback. The differences between rows give the cost per queue and per
// process.
int sidekiqCost(const QString& endpoint)
{
    struct Row {
        int queues, processes;
    };
    const QList<Row> rows {{0, 0}, {20, 10}, {120, 10}, {20, 110}, {20, 10}};
    printCostHeader(u"Sidekiq read cost (EVALSHA of the no-writes script + 3 INFO sections in one "
                    "pipeline; other cmds: what Redis ran besides the EVALSHA; 2 running jobs per "
                    "process):"_s,
        u"processes"_s, 10, u"other cmds"_s, u"read ms (median of 20)"_s);
    qd::bench::PollProbe probe(endpoint);
    qd::redis::ClientTarget target;
    target.name = u"sidekiq"_s;
    target.addresses = {endpoint};
    const auto client = qd::redis::RedisClient::create(target, 10s);
    for (const Row& row : rows) {
        qd::bench::SidekiqWorld world;
        world.queues = row.queues;
        world.processes = row.processes;
        world.seed(endpoint);
        const qd::sidekiq::SidekiqReader reader(world.ns, qd::Clock::system());
        reader.read(*client); // loads the script
        qd::sidekiq::Reading reading;
        const qd::bench::ServerCounters d = probe.delta([&] { reading = reader.read(*client); });
        client->command(qd::redis::Command {"CONFIG", "RESETSTAT"});
        const double median = medianMs(20, [&] { reader.read(*client); });
        printCostRow({row.queues, row.processes, reading.cost.roundTrips, reading.cost.bytesSent,
                         reading.cost.bytesReceived, d.netOut, commandsBesides(d, {u"evalsha"_s}),
                         median, scriptUsec(*client)},
            10);
    }
    return 0;
}

// The Sidekiq cluster of the engine benchmark: the same Manager and Poller as the go-redis-
// work-queue clusters, with the cluster's queue_system.type set to sidekiq.
int sidekiqEngine(int cycles, const QString& endpoint)
{
    qd::bench::SidekiqWorld world;
    world.seed(endpoint);
    qd::ClusterConfig cluster;
    cluster.name = u"sidekiq"_s;
    cluster.label = u"Sidekiq"_s;
    cluster.color = u"red"_s;
    cluster.endpoint = endpoint;
    cluster.queueSystem.type = qd::QueueSystemType::Sidekiq;
    qd::Config config;
    config.clusters = {cluster};
    config.polling.enabled = false;
    config.polling.interval = 60s;
    config.polling.jitter = 0ms;
    config.polling.timeout = 10s;
    Manager manager(config);
    manager.start();
    for (int i = 0; i < 3; ++i)
        runCycle(manager); // connections and the script cache warm
    const auto stats = manager.cachedStats(cluster.name);
    if (!stats || stats->queues.size() != world.queues || stats->workerCount != world.processes)
        fail(u"the Sidekiq cluster did not poll as seeded"_s);
    out(u"Sidekiq cluster through the engine (%1 queues, %2 processes with %3 running jobs "
        "each), engine's PollCost vs Redis's counters:"_s.arg(world.queues)
            .arg(world.processes)
            .arg(world.running));
    qd::bench::PollProbe probe(endpoint);
    for (int i = 1; i <= 3; ++i) {
        const qd::bench::ServerCounters d = probe.delta([&] { runCycle(manager); });
        const qd::PollCost c = manager.cachedStats(cluster.name).value_or(qd::ClusterStats {}).cost;
        out(u"  poll %1: %2 round trip(s), %3 commands sent (Redis counted %4, the "
            "script's own included), %5 B sent (Redis in %6), %7 B received (Redis out %8)"_s.arg(i)
                .arg(c.roundTrips)
                .arg(c.commands)
                .arg(d.commands)
                .arg(c.bytesSent)
                .arg(d.netIn)
                .arg(c.bytesReceived)
                .arg(d.netOut));
    }
    std::vector<double> wall;
    double cpuMs = 0;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms);
        const double cpuBefore = processCpuMs();
        wall.push_back(runCycle(manager).wallMs);
        cpuMs += processCpuMs() - cpuBefore;
    }
    out(u"  cycle (%1 polls): median %2 ms, p90 %3 ms, CPU %4 ms per poll"_s.arg(cycles).arg(
        ms(percentile(wall, 50)), ms(percentile(wall, 90)), ms(cpuMs / cycles)));
    return 0;
}

// The BullMQ cluster of the engine benchmark: the same Manager and Poller, with the cluster's
// queue_system.type set to bullmq. The first cycles include discovery (SCAN of every key).
int bullmqEngine(int cycles, const QString& endpoint)
{
    qd::bench::BullMqWorld world;
    world.seed(endpoint);
    qd::ClusterConfig cluster;
    cluster.name = u"bullmq"_s;
    cluster.label = u"BullMQ"_s;
    cluster.color = u"purple"_s;
    cluster.endpoint = endpoint;
    cluster.queueSystem.type = qd::QueueSystemType::BullMQ;
    qd::Config config;
    config.clusters = {cluster};
    config.polling.enabled = false;
    config.polling.interval = 60s;
    config.polling.jitter = 0ms;
    config.polling.timeout = 10s;
    Manager manager(config);
    manager.start();
    qd::bench::PollProbe probe(endpoint);
    const qd::bench::ServerCounters first = probe.delta([&] { runCycle(manager); });
    const qd::PollCost firstCost
        = manager.cachedStats(cluster.name).value_or(qd::ClusterStats {}).cost;
    for (int i = 0; i < 2; ++i)
        runCycle(manager); // connections warm
    const auto stats = manager.cachedStats(cluster.name);
    if (!stats || stats->queues.size() != world.queues || stats->workerCount != world.workers)
        fail(u"the BullMQ cluster did not poll as seeded"_s);
    out(u"BullMQ cluster through the engine (%1 queues, %2 worker connections), engine's "
        "PollCost vs Redis's counters:"_s.arg(world.queues)
            .arg(world.workers));
    out(u"  first poll (with discovery): %1 round trip(s), %2 commands (Redis counted %3), "
        "%4 B sent, %5 B received"_s.arg(firstCost.roundTrips)
            .arg(firstCost.commands)
            .arg(first.commands)
            .arg(firstCost.bytesSent)
            .arg(firstCost.bytesReceived));
    for (int i = 1; i <= 3; ++i) {
        const qd::bench::ServerCounters d = probe.delta([&] { runCycle(manager); });
        const qd::PollCost c = manager.cachedStats(cluster.name).value_or(qd::ClusterStats {}).cost;
        out(u"  poll %1: %2 round trip(s), %3 commands sent (Redis counted %4, the "
            "script's own included), %5 B sent (Redis in %6), %7 B received (Redis out %8)"_s.arg(i)
                .arg(c.roundTrips)
                .arg(c.commands)
                .arg(d.commands)
                .arg(c.bytesSent)
                .arg(d.netIn)
                .arg(c.bytesReceived)
                .arg(d.netOut));
    }
    std::vector<double> wall;
    double cpuMs = 0;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms);
        const double cpuBefore = processCpuMs();
        wall.push_back(runCycle(manager).wallMs);
        cpuMs += processCpuMs() - cpuBefore;
    }
    out(u"  cycle (%1 polls): median %2 ms, p90 %3 ms, CPU %4 ms per poll"_s.arg(cycles).arg(
        ms(percentile(wall, 50)), ms(percentile(wall, 90)), ms(cpuMs / cycles)));
    return 0;
}

// One cluster of the given queue system at endpoint, polled only when the benchmark says so.
qd::Config singleClusterConfig(
    const QString& name, const QString& endpoint, qd::QueueSystemType type)
{
    qd::ClusterConfig cluster;
    cluster.name = name;
    cluster.label = name;
    cluster.color = u"blue"_s;
    cluster.endpoint = endpoint;
    cluster.queueSystem.type = type;
    qd::Config config;
    config.clusters = {cluster};
    config.polling.enabled = false;
    config.polling.interval = 60s;
    config.polling.jitter = 0ms;
    config.polling.timeout = 10s;
    return config;
}

QString commandstats(const qd::bench::ServerCounters& counters)
{
    QStringList calls;
    for (auto it = counters.calls.cbegin(); it != counters.calls.cend(); ++it)
        calls.append(u"%1 %2"_s.arg(it.key().toUpper()).arg(it.value()));
    calls.sort();
    return calls.join(u", "_s);
}

qint64 integerReply(qd::redis::RedisClient& client, const qd::redis::Command& command)
{
    return client.command(command).toInteger();
}

void printPollCost(int i, const qd::PollCost& c, const qd::bench::ServerCounters& d)
{
    out(u"  poll %1: %2 round trip(s), %3 commands sent (Redis counted %4, the script's own "
        "included), %5 B sent (Redis in %6), %7 B received (Redis out %8)"_s.arg(i)
            .arg(c.roundTrips)
            .arg(c.commands)
            .arg(d.commands)
            .arg(c.bytesSent)
            .arg(d.netIn)
            .arg(c.bytesReceived)
            .arg(d.netOut));
}

struct Timed {
    std::vector<double> wall;
    std::vector<double> cpu;
};

void printCycles(const Timed& t)
{
    double cpu = 0;
    for (const double c : t.cpu)
        cpu += c;
    out(u"  cycle (%1 polls): median %2 ms, p90 %3 ms, CPU %4 ms per poll (median %5)"_s
            .arg(t.wall.size())
            .arg(ms(percentile(t.wall, 50)), ms(percentile(t.wall, 90)),
                ms(cpu / static_cast<double>(t.cpu.size())), ms(percentile(t.cpu, 50))));
}

int rqSeed(const QString& endpoint)
{
    const qd::bench::RqWorld world;
    world.seed(endpoint);
    out(u"seeded an RQ deployment: %1 queues, %2 workers (%3 busy), 1 abandoned job"_s
            .arg(world.queues)
            .arg(world.workers)
            .arg(world.busy));
    return 0;
}

// The RQ cluster of the engine benchmark, polling whatever the database holds: the figures are
// checked against plain reads of RQ's sets, and the totals are printed for RQ's own API to
// confirm (bench/engine/run.sh does).
int rqEngine(int cycles, const QString& endpoint)
{
    qd::redis::ClientTarget target;
    target.name = u"rq-check"_s;
    target.addresses = {endpoint};
    const auto client = qd::redis::RedisClient::create(target, 10s);
    const qint64 queues = integerReply(*client, {"SCARD", "rq:queues"});
    const qint64 workers = integerReply(*client, {"SCARD", "rq:workers"});
    const qint64 keys = integerReply(*client, {"DBSIZE"});
    if (queues == 0)
        fail(u"no RQ queues at %1 (run rq-seed first)"_s.arg(endpoint));

    Manager manager(singleClusterConfig(u"rq"_s, endpoint, qd::QueueSystemType::RQ));
    manager.start();
    qd::bench::PollProbe probe(endpoint);
    const qd::bench::ServerCounters first = probe.delta([&] { runCycle(manager); });
    const qd::PollCost firstCost = manager.cachedStats(u"rq"_s).value_or(qd::ClusterStats {}).cost;
    for (int i = 0; i < 2; ++i)
        runCycle(manager);
    const auto stats = manager.cachedStats(u"rq"_s);
    if (!stats || stats->queues.size() != queues || stats->workerCount != workers)
        fail(u"the RQ cluster did not poll as found (%1 queues, %2 workers in Redis)"_s.arg(queues)
                 .arg(workers));
    out(u"RQ cluster through the engine (%1 queues, %2 workers, %3 keys), engine's PollCost vs "
        "Redis's counters:"_s.arg(queues)
            .arg(workers)
            .arg(keys));
    out(u"  first poll: %1 round trip(s), %2 commands (Redis counted %3), %4 B sent, %5 B "
        "received"_s.arg(firstCost.roundTrips)
            .arg(firstCost.commands)
            .arg(first.commands)
            .arg(firstCost.bytesSent)
            .arg(firstCost.bytesReceived));
    qd::bench::ServerCounters last;
    for (int i = 1; i <= 3; ++i) {
        last = probe.delta([&] { runCycle(manager); });
        printPollCost(i, manager.cachedStats(u"rq"_s).value_or(qd::ClusterStats {}).cost, last);
    }
    out(u"  Redis commandstats of the last poll: "_s + commandstats(last));
    Timed timed;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms);
        const double cpuBefore = processCpuMs();
        timed.wall.push_back(runCycle(manager).wallMs);
        timed.cpu.push_back(processCpuMs() - cpuBefore);
    }
    printCycles(timed);

    // RQ's registry counts would drop the abandoned job from started and add it to failed.
    const qd::ClusterStats s = manager.cachedStats(u"rq"_s).value_or(qd::ClusterStats {});
    qint64 queued = 0;
    for (const qd::QueueStat& q : s.queues)
        queued += q.length;
    qint64 abandoned = 0;
    for (const qd::WorkerStat& w : s.workers)
        abandoned += w.orphaned() ? w.processingLength : 0;
    out(u"  rq-totals queued=%1 started=%2 abandoned=%3 failed=%4 finished=%5 scheduled=%6 "
        "workers=%7"_s.arg(queued)
            .arg(s.processingCount)
            .arg(abandoned)
            .arg(s.deadLetterCount)
            .arg(s.completedCount)
            .arg(s.scheduledCount.value_or(-1))
            .arg(s.workerCount.value_or(-1)));
    return 0;
}

// One RQ poll (the read-only script and INFO) per row of (queues, workers), through
// RqBackend itself: client-side bytes, what Redis ran inside the script, the poll's wall time
// and Redis's time per EVAL. The differences between rows give the cost per queue and per
// worker.
int rqCost(const QString& endpoint)
{
    struct Row {
        int queues, workers;
    };
    const QList<Row> rows {{1, 0}, {20, 10}, {120, 10}, {20, 110}};
    printCostHeader(u"RQ poll cost (EVAL of the read-only script + INFO in one pipeline; script "
                    "cmds: what Redis ran inside the script; up to 6 busy workers, 1 abandoned "
                    "job):"_s,
        u"workers"_s, 8, u"script cmds"_s, u"poll ms (median of 20)"_s);
    qd::bench::PollProbe probe(endpoint);
    qd::ClusterConfig cluster
        = singleClusterConfig(u"rq"_s, endpoint, qd::QueueSystemType::RQ).clusters.constFirst();
    const std::shared_ptr<qd::redis::RedisClient> client
        = qd::redis::RedisClient::create(cluster, 10s);
    for (const Row& row : rows) {
        qd::bench::RqWorld world;
        world.queues = row.queues;
        world.workers = row.workers;
        world.busy = std::min(6, row.workers);
        world.seed(endpoint);
        qd::RqBackend backend(cluster, client, qd::Clock::system());
        backend.poll(); // settles whether Redis takes the script's flags
        qd::ClusterStats stats;
        const qd::bench::ServerCounters d = probe.delta([&] { stats = backend.poll(); });
        client->command(qd::redis::Command {"CONFIG", "RESETSTAT"});
        const double median = medianMs(20, [&] { backend.poll(); });
        printCostRow(
            {row.queues, row.workers, stats.cost.roundTrips, stats.cost.bytesSent,
                stats.cost.bytesReceived, d.netOut, commandsBesides(d, {u"eval"_s, u"info"_s}),
                median, scriptUsec(*client, "eval")},
            8);
    }
    return 0;
}

// The Celery cluster of the engine benchmark. Its workers exist only as events, so a publisher
// connection plays a deployment's workers between polls: one heartbeat from every worker every
// 2 s, as Celery's, and task events as workers started with -E send them (outside the measured
// CPU). Redis's counters then hold the publisher's PUBLISHes and what they delivered to the
// engine's subscription; both are known exactly and shown apart from the poll's own traffic.
int celeryEngine(int cycles, const QString& endpoint)
{
    const qd::bench::CeleryWorld world;
    world.seed(endpoint);
    qd::bench::CeleryEvents events(endpoint, world);
    Manager manager(singleClusterConfig(u"celery"_s, endpoint, qd::QueueSystemType::Celery));
    manager.start();
    const auto statsNow
        = [&] { return manager.cachedStats(u"celery"_s).value_or(qd::ClusterStats {}); };
    qd::bench::PollProbe probe(endpoint);

    // The first poll: discovery of the bindings, the poll, and the subscription made.
    const qd::bench::ServerCounters first = probe.delta([&] { runCycle(manager); });
    const qd::PollCost firstCost = statsNow().cost;

    // Workers are reported once the subscription has been up for a heartbeat window (two
    // intervals); until then a missing worker may simply not have beaten yet.
    QElapsedTimer since;
    since.start();
    qint64 lastBeat = -10000;
    const auto beatIfDue = [&] {
        if (since.elapsed() - lastBeat < 2000)
            return;
        events.heartbeats();
        lastBeat = since.elapsed();
    };
    bool ready = false;
    while (!ready && since.elapsed() < 20000) {
        beatIfDue();
        events.tasks(5);
        pause(250ms);
        runCycle(manager);
        const qd::ClusterStats s = statsNow();
        ready = s.workerCount == world.workers && s.ratesKnown;
    }
    const qd::ClusterStats stats = statsNow();
    if (!ready || stats.queues.size() != world.queuesShown()
        || stats.processingCount != world.workers * world.prefetched + 1 || stats.retryCount != 1)
        fail(u"the Celery cluster did not poll as seeded (%1 queues, %2 workers, %3 unacked)"_s
                 .arg(stats.queues.size())
                 .arg(stats.workerCount.value_or(-1))
                 .arg(stats.processingCount));
    qint64 waiting = 0;
    for (const qd::QueueStat& q : stats.queues)
        waiting += q.length;
    out(u"Celery broker through the engine (%1 queues shown, %2 messages waiting, %3 unacked of "
        "which 1 past the visibility timeout, %4 workers known from events after %5 s), engine's "
        "PollCost vs Redis's counters:"_s.arg(stats.queues.size())
            .arg(waiting)
            .arg(stats.processingCount)
            .arg(world.workers)
            .arg(since.elapsed() / 1000.0, 0, 'f', 1));
    out(u"  first poll (with discovery, subscription made): %1 round trip(s), %2 commands (Redis "
        "counted %3: %4), %5 B sent, %6 B received"_s.arg(firstCost.roundTrips)
            .arg(firstCost.commands)
            .arg(first.commands)
            .arg(commandstats(first))
            .arg(firstCost.bytesSent)
            .arg(firstCost.bytesReceived));

    // Each measured poll after one heartbeat from every worker and 20 tasks' events (60 events
    // in task.multi groups): Redis's counters less what the publisher sent and had delivered
    // must equal the poll's own.
    qd::bench::ServerCounters last;
    for (int i = 1; i <= 3; ++i) {
        qd::bench::CeleryEvents::Sent sent;
        last = probe.delta([&] {
            sent = events.heartbeats();
            sent += events.tasks(20);
            runCycle(manager);
        });
        lastBeat = since.elapsed();
        const qd::PollCost c = statsNow().cost;
        out(u"  poll %1: %2 round trip(s), %3 commands (Redis counted %4 less %5 PUBLISH = %6), "
            "%7 B sent (Redis in %8 less the publisher's %9 = %10), %11 B received (Redis out %12 "
            "less %13 of PUBLISH replies and %14 delivered to the subscription = %15); events: "
            "%16 messages holding %17 events"_s.arg(i)
                .arg(c.roundTrips)
                .arg(c.commands)
                .arg(last.commands)
                .arg(sent.messages)
                .arg(last.commands - sent.messages)
                .arg(c.bytesSent)
                .arg(last.netIn)
                .arg(sent.bytesSent)
                .arg(last.netIn - sent.bytesSent)
                .arg(c.bytesReceived)
                .arg(last.netOut)
                .arg(sent.bytesReceived)
                .arg(sent.delivered)
                .arg(last.netOut - sent.bytesReceived - sent.delivered)
                .arg(sent.messages)
                .arg(sent.events));
    }
    out(u"  Redis commandstats of the last poll (publisher included): "_s + commandstats(last));

    // Cycles with the deployment's life going on: heartbeats every 2 s, 5 tasks' events before
    // each poll (about 40 tasks a second at this pace).
    Timed timed;
    int discoveries = 0;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms);
        beatIfDue();
        events.tasks(5);
        const double cpuBefore = processCpuMs();
        timed.wall.push_back(runCycle(manager).wallMs);
        timed.cpu.push_back(processCpuMs() - cpuBefore);
        discoveries += statsNow().cost.roundTrips > 1 ? 1 : 0;
    }
    printCycles(timed);
    out(u"  polls of those with a discovery (SCAN of the bindings, every 10 s): %1"_s.arg(
        discoveries));

    // The drain's cost: QueueDeck's CPU for a poll after bursts of task events of growing size
    // (every event waiting on the subscription when the poll starts), mean of 10 polls each.
    out(u"  event drain (mean of 10 polls after each burst):"_s);
    double cpuNone = 0;
    for (const int burst : {0, 50, 500}) {
        double cpu = 0;
        double wall = 0;
        qd::bench::CeleryEvents::Sent sent;
        for (int i = 0; i < 10; ++i) {
            pause(100ms);
            beatIfDue();
            sent += events.tasks(burst);
            pause(20ms); // let Redis deliver it all to the subscription's socket
            const double cpuBefore = processCpuMs();
            wall += runCycle(manager).wallMs;
            cpu += processCpuMs() - cpuBefore;
        }
        cpu /= 10;
        wall /= 10;
        if (burst == 0) {
            cpuNone = cpu;
            out(u"    no task events: CPU %1 ms, wall %2 ms per poll"_s.arg(ms(cpu), ms(wall)));
            continue;
        }
        const double eventsPerPoll = static_cast<double>(sent.events) / 10.0;
        out(u"    %1 tasks (%2 events in %3 messages, %4 KB delivered) per poll: CPU %5 ms, wall "
            "%6 ms per poll, %7 µs of CPU per event beyond the poll without events"_s.arg(burst)
                .arg(eventsPerPoll, 0, 'f', 0)
                .arg(static_cast<double>(sent.messages) / 10.0, 0, 'f', 0)
                .arg(static_cast<double>(sent.delivered) / 10.0 / 1024.0, 0, 'f', 1)
                .arg(ms(cpu), ms(wall))
                .arg((cpu - cpuNone) * 1000.0 / eventsPerPoll, 0, 'f', 2));
    }
    const qd::ClusterStats after = statsNow();
    out(u"  rates from the events: %1 tasks/s, error share %2 (every tenth task fails), %3 "
        "workers"_s.arg(after.jobRate, 0, 'f', 1)
            .arg(after.errorRate, 0, 'f', 3)
            .arg(after.workerCount.value_or(-1)));
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
