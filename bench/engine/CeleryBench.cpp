#include "BenchSupport.h"
#include "CeleryWorld.h"
#include "PollProbe.h"
#include "SystemBenches.h"
#include "core/engine/Manager.h"
#include "core/redis/RedisClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::Manager;

namespace qd::bench {

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

} // namespace qd::bench
