// queuedeck-loadgen: producers and workers of the go-redis-work-queue system against any
// deployment QueueDeck can reach. See docs/queue-systems/go-redis-work-queue.md.

#include "core/redis/Endpoint.h"
#include "core/util/Log.h"
#include "loadgen/LoadRunner.h"
#include "loadgen/OptionParser.h"
#include "loadgen/SignalWaiter.h"
#include "loadgen/StatsReporter.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace {

using namespace qd::loadgen;
using Clock = std::chrono::steady_clock;

void printLine(const QByteArray& line)
{
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Prints a line per interval until the run's duration ends or SIGINT/SIGTERM arrives.
void waitForEnd(SignalWaiter& waiter, const LoadRunner& run, StatsReporter& reporter)
{
    const LoadgenOptions& options = run.options();
    const Clock::time_point start = Clock::now();
    const Clock::time_point never = Clock::time_point::max();
    const Clock::time_point end = options.runFor.count() > 0 ? start + options.runFor : never;
    Clock::time_point nextStats
        = options.statsInterval.count() > 0 ? start + options.statsInterval : never;
    for (;;) {
        const Clock::time_point wake = std::min(end, nextStats);
        // An hour at most per wait: "never" does not fit in a timespec.
        const qd::Millis wait = wake == never
            ? qd::Millis(3'600'000)
            : std::max(qd::Millis(0), std::chrono::ceil<qd::Millis>(wake - Clock::now()));
        if (const int signal = waiter.wait(wait)) {
            spdlog::info("loadgen: signal {} received, stopping", signal);
            return;
        }
        const Clock::time_point now = Clock::now();
        if (now >= end)
            return;
        if (now >= nextStats) {
            printLine(reporter.line(run.stats(), run.snapshot(), false));
            nextStats += options.statsInterval;
        }
    }
}

QString endpointDisplay(const qd::ClusterConfig& cluster)
{
    const auto endpoint = qd::redis::Endpoint::parse(cluster.endpoint);
    return endpoint ? endpoint->display() : QString();
}

} // namespace

int main(int argc, char* argv[])
{
    SignalWaiter waiter; // first, so that every thread inherits the blocked signals
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("queuedeck-loadgen"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QD_VERSION));
    qd::log::setup(qd::log::Format::Text);

    OptionParser parser;
    switch (parser.parse(QCoreApplication::arguments())) {
    case OptionParser::Outcome::Help:
    case OptionParser::Outcome::Version:
        printLine(parser.message().toUtf8());
        return 0;
    case OptionParser::Outcome::Error:
        std::fprintf(stderr, "queuedeck-loadgen: %s\nTry --help.\n", qPrintable(parser.message()));
        return 2;
    case OptionParser::Outcome::Run:
        break;
    }
    const LoadgenOptions& options = parser.options();
    qd::log::addSecret(options.cluster.effectivePassword());
    if (const auto endpoint = qd::redis::Endpoint::parse(options.cluster.endpoint))
        qd::log::addSecret(endpoint->password); // a redis://user:password@ URL

    LoadRunner run(options);
    QString error;
    if (!run.start(&error)) {
        std::fprintf(stderr, "queuedeck-loadgen: %s\n", qPrintable(error));
        return 1;
    }
    const std::string load = options.bursty() ? fmt::format("bursts of {} jobs every {}",
                                 options.burst, qd::duration::format(options.every).toStdString())
                                              : fmt::format("{} jobs/s", options.rate);
    spdlog::info("loadgen: {} producers at {}, {} workers, job duration {}, heartbeat gap {}, "
                 "failure ratio {}, on {} ({})",
        options.producers, load, options.workers, options.jobDuration.toString().toStdString(),
        options.heartbeatGap.toString().toStdString(), options.failureRatio,
        options.cluster.name.toStdString(), endpointDisplay(options.cluster).toStdString());

    StatsReporter reporter(options.json);
    waitForEnd(waiter, run, reporter);
    if (options.abandonOnExit)
        run.abandon();
    else
        run.stop();
    printLine(reporter.line(run.stats(), run.snapshot(), true));
    return 0;
}
