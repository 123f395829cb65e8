#include "BenchSupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::Manager;

namespace qd::bench {

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

Timed timeCycles(Manager& manager, int cycles)
{
    Timed timed;
    for (int i = 0; i < cycles; ++i) {
        pause(100ms);
        const double cpuBefore = processCpuMs();
        timed.wall.push_back(runCycle(manager).wallMs);
        timed.cpu.push_back(processCpuMs() - cpuBefore);
    }
    return timed;
}

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

} // namespace qd::bench
