#pragma once

// Helpers every qd-bench-engine command uses: output, CPU and wall-time figures, and one
// polling cycle driven through a real Manager.

#include "PollProbe.h"
#include "core/config/Config.h"
#include "core/engine/Manager.h"

#include <QString>

#include <chrono>
#include <vector>

namespace qd::bench {

void out(const QString& line);
[[noreturn]] void fail(const QString& message);
// CPU time of this process so far (every thread), in ms; it hardly depends on the machine's load.
double processCpuMs();
double percentile(std::vector<double> values, double p);
QString ms(double value);

struct Cycle {
    double wallMs = 0; // refresh() until the last result is on the main thread
    double slowestPollMs = 0; // the longest single poll within the cycle (its own latencyMs)
    int failed = 0;
};

// Polls every cluster once, all at the same moment, and waits for every result.
Cycle runCycle(qd::Manager& manager);
// Runs the event loop for a while (lets stragglers settle between measured cycles).
void pause(std::chrono::milliseconds duration);

// A config of one cluster of the given queue system with polling off: the bench polls itself.
qd::Config singleClusterConfig(
    const QString& name, const QString& endpoint, qd::QueueSystemType type);
// Redis's per-command call counts of a delta, "EVAL 1, INFO 3", sorted.
QString commandstats(const ServerCounters& counters);

// Wall and CPU time of measured polls, printed as median, p90 and CPU per poll.
struct Timed {
    std::vector<double> wall;
    std::vector<double> cpu;
};
void printCycles(const Timed& t);
// `cycles` polling cycles of every cluster of manager, 100 ms apart.
Timed timeCycles(qd::Manager& manager, int cycles);

} // namespace qd::bench
