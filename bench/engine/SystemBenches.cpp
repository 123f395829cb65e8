#include "SystemBenches.h"

#include "BenchSupport.h"
#include "BullMqWorld.h"
#include "CeleryWorld.h"
#include "PollProbe.h"
#include "RqWorld.h"
#include "SidekiqWorld.h"
#include "core/engine/Manager.h"
#include "core/queues/rq/RqBackend.h"
#include "core/queues/sidekiq/SidekiqReader.h"
#include "core/redis/RedisClient.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::Manager;

namespace qd::bench {

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

// The Sidekiq cluster of the engine benchmark: the same Manager and Poller as the go-redis-
// work-queue clusters, with the cluster's queue_system.type set to sidekiq.
int sidekiqEngine(int cycles, const QString& endpoint)
{
    qd::bench::SidekiqWorld world;
    world.seed(endpoint);
    const qd::Config config
        = singleClusterConfig(u"sidekiq"_s, endpoint, qd::QueueSystemType::Sidekiq);
    const qd::ClusterConfig& cluster = config.clusters.constFirst();
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
        printPollCost(i, manager.cachedStats(cluster.name).value_or(qd::ClusterStats {}).cost, d);
    }
    printCycles(timeCycles(manager, cycles));
    return 0;
}

// The BullMQ cluster of the engine benchmark: the same Manager and Poller, with the cluster's
// queue_system.type set to bullmq. The first cycles include discovery (SCAN of every key).
int bullmqEngine(int cycles, const QString& endpoint)
{
    qd::bench::BullMqWorld world;
    world.seed(endpoint);
    const qd::Config config
        = singleClusterConfig(u"bullmq"_s, endpoint, qd::QueueSystemType::BullMQ);
    const qd::ClusterConfig& cluster = config.clusters.constFirst();
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
        printPollCost(i, manager.cachedStats(cluster.name).value_or(qd::ClusterStats {}).cost, d);
    }
    printCycles(timeCycles(manager, cycles));
    return 0;
}

// One cluster of the given queue system at endpoint, polled only when the benchmark says so.
qint64 integerReply(qd::redis::RedisClient& client, const qd::redis::Command& command)
{
    return client.command(command).toInteger();
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
    printCycles(timeCycles(manager, cycles));

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
// and Redis's time per EVALSHA. The differences between rows give the cost per queue and per
// worker.
int rqCost(const QString& endpoint)
{
    struct Row {
        int queues, workers;
    };
    const QList<Row> rows {{1, 0}, {20, 10}, {120, 10}, {20, 110}};
    printCostHeader(u"RQ poll cost (EVALSHA of the read-only script + INFO in one pipeline; script "
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
        backend.poll(); // settles whether Redis takes the script's flags, and loads it
        qd::ClusterStats stats;
        const qd::bench::ServerCounters d = probe.delta([&] { stats = backend.poll(); });
        client->command(qd::redis::Command {"CONFIG", "RESETSTAT"});
        const double median = medianMs(20, [&] { backend.poll(); });
        printCostRow(
            {row.queues, row.workers, stats.cost.roundTrips, stats.cost.bytesSent,
                stats.cost.bytesReceived, d.netOut, commandsBesides(d, {u"evalsha"_s, u"info"_s}),
                median, scriptUsec(*client)},
            8);
    }
    return 0;
}

} // namespace qd::bench
