// qd-bench-gui: what the desktop costs (docs/benchmarks.md, "Desktop").
//
//   qd-bench-gui startup [--clusters 10] [--runs 10]
//       time from process start (and from main) to the first painted main window
//   qd-bench-gui soak [--clusters 50] [--minutes 60] [--interval-ms 1000] [--busy 5]
//                     [--slow-ms N]   (lists every event that took N ms or more)
//                     [--still]       (no operator: the compare view stays on four clusters)
//                     [--overview]    (no operator: the overview of every cluster stays open)
//       longest event-loop stall and memory while polling every cluster every interval, with
//       the window switching between cluster pages and the compare view's trend chart
//   qd-bench-gui switch [--clusters 5] [--samples 1200] [--switches 30] [--interval-ms 50]
//       main-thread CPU of one view switch, alone: polls fast until every trend series holds
//       --samples samples (the chart draws at most a few hundred points, so an hour's depth is
//       not needed), stops polling, then alternates a cluster page and a compare view of four
//       clusters (a different four each time) and charges each switch with the CPU the main
//       thread spends until it is idle again
//
// Both start their own redis-server processes (one Redis database per cluster) and stop them.

#include "BenchWorld.h"
#include "core/engine/Manager.h"
#include "gui/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <utility>

using namespace Qt::StringLiterals;
using qd::bench::BenchWorld;

namespace {

int option(const QStringList& args, const QString& name, int fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
}

qint64 statusKb(const QByteArray& field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Time this thread spent runnable but waiting for a CPU (kernel scheduler statistics), in ms.
qint64 runQueueMs()
{
    QFile stat(u"/proc/thread-self/schedstat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    return stat.readAll().split(' ').value(1).toLongLong() / 1'000'000;
}

// CPU time the whole process has used (all threads, user and system), in ms: on a loaded
// machine the wall-clock start-up includes time other processes ran; this does not.
double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms
        = [](const timeval& t) { return double(t.tv_sec) * 1000 + double(t.tv_usec) / 1000; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

qint64 threadCpuUs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

qint64 threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

void out(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(p * double(values.size() - 1));
    return double(values.at(index));
}

// Seconds since main() started: when a slow event or the longest gap happened.
double secondsSinceStart()
{
    static const QElapsedTimer started = [] {
        QElapsedTimer clock;
        clock.start();
        return clock;
    }();
    return double(started.elapsed()) / 1000.0;
}

// Every event the main thread handles, timed; the slow ones are listed at the end of a soak
// with what received them, so a stall can be traced to its cause.
class TimedApplication final : public QApplication {
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer clock;
        clock.start();
        const qint64 cpuBefore = threadCpuUs();
        const QEvent::Type type = event->type(); // the event may not outlive notify()
        // A timer is known by who owns it.
        const QObject* named = receiver->parent() && receiver->objectName().isEmpty()
            ? receiver->parent()
            : receiver;
        const QString what = QString::fromLatin1(receiver->metaObject()->className()) + u'@'
            + QString::fromLatin1(named->metaObject()->className()) + u'/' + named->objectName();
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ms = clock.elapsed();
        m_longestCpuUs = std::max(m_longestCpuUs, threadCpuUs() - cpuBefore);
        if (ms >= m_slowMs)
            m_slow.append(u"%1 ms at %2 s: %3 event %4"_s.arg(ms)
                              .arg(secondsSinceStart(), 0, 'f', 1)
                              .arg(what)
                              .arg(int(type)));
        return handled;
    }
    void setSlowMs(qint64 ms) { m_slowMs = ms; }
    const QStringList& slowEvents() const { return m_slow; }
    // The most main-thread CPU one event took since the last call, in µs.
    qint64 takeLongestCpuUs() { return std::exchange(m_longestCpuUs, 0); }

private:
    int m_depth = 0;
    qint64 m_longestCpuUs = 0;

    qint64 m_slowMs = 1'000'000;
    QStringList m_slow;
};

// Child: open the config, build engine and window, report when the window first paints.
class FirstPaint final : public QObject {
public:
    explicit FirstPaint(const QElapsedTimer& sinceMain) : m_sinceMain(sinceMain) { }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            out(u"painted %1 cpu %2"_s.arg(double(m_sinceMain.nsecsElapsed()) / 1e6, 0, 'f', 1)
                    .arg(processCpuMs(), 0, 'f', 1));
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_sinceMain;
    bool m_done = false;
};

int startupOnce(const QString& configPath, const QElapsedTimer& sinceMain)
{
    BenchWorld world;
    QString error;
    if (!world.load(configPath, &error)) {
        out(u"error "_s + error);
        return 1;
    }
    FirstPaint watcher(sinceMain);
    const double loaded = double(sinceMain.nsecsElapsed()) / 1e6;
    world.open();
    const double built = double(sinceMain.nsecsElapsed()) / 1e6;
    world.window().installEventFilter(&watcher);
    // Where the time goes, for the report (the painted line follows).
    out(u"phases config_loaded=%1 window_shown=%2 %3"_s.arg(loaded, 0, 'f', 1)
            .arg(built, 0, 'f', 1)
            .arg(world.openPhases().trimmed()));
    return QApplication::exec();
}

int startup(const QStringList& args)
{
    const int clusters = option(args, u"--clusters"_s, 10);
    const int runs = option(args, u"--runs"_s, 10);
    BenchWorld world;
    QString error;
    QTemporaryDir dir;
    const QString config = dir.filePath(u"config.json"_s);
    if (!world.prepare(clusters, qd::Millis(1000), 0, &error)
        || !world.writeConfig(config, &error)) {
        out(u"error "_s + error);
        return 1;
    }
    QList<qint64> fromSpawn;
    QList<qint64> fromMain;
    QList<qint64> cpu;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer clock;
        clock.start();
        child.start(QCoreApplication::applicationFilePath(), {u"startup-once"_s, config});
        QByteArray line;
        while (child.waitForReadyRead(10000)) {
            line += child.readAllStandardOutput();
            if (line.contains("painted"))
                break;
        }
        const qint64 spawned = clock.elapsed();
        child.waitForFinished(10000);
        const QList<QByteArray> painted
            = line.mid(line.indexOf("painted") + 8).trimmed().split(' '); // "<ms> cpu <ms>"
        const QByteArray value = painted.value(0);
        fromSpawn.append(spawned);
        fromMain.append(qint64(value.toDouble()));
        cpu.append(qint64(painted.value(2).toDouble()));
        const qsizetype phases = line.indexOf("phases");
        out(u"run %1: %2 ms from spawn, %3 ms from main(), %4 ms CPU (%5)"_s.arg(run + 1)
                .arg(spawned)
                .arg(QString::fromLatin1(value), QString::fromLatin1(painted.value(2)),
                    QString::fromLatin1(line.mid(phases, line.indexOf('\n', phases) - phases))));
    }
    out(u"startup clusters=%1 runs=%2 median_from_spawn_ms=%3 max_from_spawn_ms=%4 "
        "median_from_main_ms=%5 median_cpu_ms=%6"_s.arg(clusters)
            .arg(runs)
            .arg(percentile(fromSpawn, 0.5))
            .arg(percentile(fromSpawn, 1.0))
            .arg(percentile(fromMain, 0.5))
            .arg(percentile(cpu, 0.5)));
    return 0;
}

int soak(const QStringList& args)
{
    const int clusters = option(args, u"--clusters"_s, 50);
    const int minutes = option(args, u"--minutes"_s, 60);
    const int interval = option(args, u"--interval-ms"_s, 1000);
    const int busy = option(args, u"--busy"_s, 5);
    BenchWorld world;
    QString error;
    if (!world.prepare(clusters, qd::Millis(interval), busy, &error)) {
        out(u"error "_s + error);
        return 1;
    }
    out(u"rss before window: %1 kB"_s.arg(statusKb("VmRSS:")));
    world.open();
    qd::Manager& manager = world.manager();
    const QStringList names = manager.enabledClusters();
    qint64 polls = 0;
    QObject::connect(&manager, &qd::Manager::statsUpdated, &manager, [&polls] { ++polls; });

    // The operator: every two seconds another cluster page, every third step the compare view
    // with four clusters and its trend chart.
    int step = 0;
    QString lastStep;
    QTimer operatorTimer;
    operatorTimer.setInterval(2000);
    QObject::connect(&operatorTimer, &QTimer::timeout, &operatorTimer, [&] {
        if (step % 3 == 2) {
            const QStringList compared = names.mid((step / 3) % (names.size() - 3), 4);
            manager.setCompareMode(true, compared);
            lastStep = u"compare "_s + compared.join(u',');
        } else {
            world.window().showCluster(names.at(step % names.size()));
            lastStep = u"show "_s + names.at(step % names.size());
        }
        ++step;
    });
    // --still: nobody touches the window; it shows the compare view of four clusters (the
    // costliest view to keep current), so only polling moves it.
    if (args.contains(u"--overview"_s)) {
        // --overview: the fleet page stays open, so every poll of every cluster reaches it.
        world.window().showOverview();
        lastStep = u"overview"_s;
    } else if (args.contains(u"--still"_s)) {
        manager.setCompareMode(true, names.mid(0, 4));
    } else {
        operatorTimer.start();
    }

    // The event loop's pulse: a 10 ms timer; each gap beyond it is time the loop was busy.
    // Each gap is also charged with the main thread's own CPU time in it: on a shared machine a
    // long gap with little CPU is the scheduler running other processes, not the window working.
    QList<qint64> gaps;
    QList<qint64> busyMs;
    QList<qint64> ownGaps; // the gap minus the time spent waiting for a CPU
    qint64 queuedAtLastTick = 0;
    QList<qint64> minuteGaps;
    QElapsedTimer pulseClock;
    qint64 cpuAtLastTick = 0;
    QString longestBusyStep;
    qint64 longestBusy = 0;
    QTimer pulse;
    pulse.setTimerType(Qt::PreciseTimer);
    pulse.setInterval(10);
    QObject::connect(&pulse, &QTimer::timeout, &pulse, [&] {
        const qint64 gap = pulseClock.restart();
        const qint64 cpu = threadCpuMs();
        const qint64 spent = cpu - cpuAtLastTick;
        cpuAtLastTick = cpu;
        const qint64 queued = runQueueMs();
        ownGaps.append(gap - (queued - queuedAtLastTick));
        queuedAtLastTick = queued;
        gaps.append(gap);
        busyMs.append(spent);
        minuteGaps.append(gap);
        if (spent > longestBusy) {
            longestBusy = spent;
            longestBusyStep = lastStep + u" at %1 s"_s.arg(secondsSinceStart(), 0, 'f', 1);
        }
    });
    // Let the first polls land and the window settle before measuring.
    QTimer::singleShot(5000, &pulse, [&] {
        cpuAtLastTick = threadCpuMs();
        queuedAtLastTick = runQueueMs();
        pulseClock.start();
        pulse.start();
    });

    int minute = 0;
    qint64 pollsBefore = 0;
    QTimer report;
    report.setInterval(60'000);
    QObject::connect(&report, &QTimer::timeout, &report, [&] {
        ++minute;
        out(u"minute %1: rss %2 kB, polls/s %3, longest stall %4 ms, p99 %5 ms, trend samples %6"_s
                .arg(minute)
                .arg(statusKb("VmRSS:"))
                .arg(double(polls - pollsBefore) / 60.0, 0, 'f', 1)
                .arg(minuteGaps.isEmpty()
                        ? 0
                        : *std::max_element(minuteGaps.cbegin(), minuteGaps.cend()))
                .arg(percentile(minuteGaps, 0.99))
                .arg(manager.trends().series(names.first(), u"queue_size"_s).size()));
        minuteGaps.clear();
        pollsBefore = polls;
        if (minute >= minutes)
            QCoreApplication::quit();
    });
    report.start();
    QApplication::exec();

    const qint64 longest = gaps.isEmpty() ? 0 : *std::max_element(gaps.cbegin(), gaps.cend());
    const auto over = [&gaps](qint64 ms) {
        return std::count_if(gaps.cbegin(), gaps.cend(), [ms](qint64 g) { return g > ms; });
    };
    out(u"soak clusters=%1 minutes=%2 interval_ms=%3 ticks=%4 longest_stall_ms=%5 p99_ms=%6 "
        "p999_ms=%7 gaps_over_16ms=%8 gaps_over_50ms=%9"_s.arg(clusters)
            .arg(minutes)
            .arg(interval)
            .arg(gaps.size())
            .arg(longest)
            .arg(percentile(gaps, 0.99))
            .arg(percentile(gaps, 0.999))
            .arg(over(16))
            .arg(over(50)));
    out(u"own stall (gap minus time waiting for a CPU): longest %1 ms, p99 %2 ms, p999 %3 ms, "
        "over 16 ms %4 times"_s
            .arg(ownGaps.isEmpty() ? 0 : *std::max_element(ownGaps.cbegin(), ownGaps.cend()))
            .arg(percentile(ownGaps, 0.99))
            .arg(percentile(ownGaps, 0.999))
            .arg(std::count_if(ownGaps.cbegin(), ownGaps.cend(), [](qint64 g) { return g > 16; })));
    out(u"main thread cpu per gap: longest %1 ms (after: %2), p99 %3 ms, p999 %4 ms"_s
            .arg(longestBusy)
            .arg(longestBusyStep)
            .arg(percentile(busyMs, 0.99))
            .arg(percentile(busyMs, 0.999)));
    out(u"memory rss_kb=%1 peak_rss_kb=%2 trend_samples_per_series=%3 trend_capacity=%4"_s
            .arg(statusKb("VmRSS:"))
            .arg(statusKb("VmHWM:"))
            .arg(manager.trends().series(names.first(), u"queue_size"_s).size())
            .arg(manager.trends().capacity()));
    return 0;
}

// Runs the event loop for ms milliseconds.
void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

int switches(const QStringList& args, TimedApplication& app)
{
    const int clusters = std::max(5, option(args, u"--clusters"_s, 5));
    const int samples = option(args, u"--samples"_s, 1200);
    const int count = option(args, u"--switches"_s, 30);
    const int interval = option(args, u"--interval-ms"_s, 50);
    BenchWorld world;
    QString error;
    // Every cluster busy: lines that move, as an operator comparing clusters would see them.
    if (!world.prepare(clusters, qd::Millis(interval), clusters, &error)) {
        out(u"error "_s + error);
        return 1;
    }
    world.open();
    qd::Manager& manager = world.manager();
    const QStringList names = manager.enabledClusters();
    const auto depth = [&manager, &names] {
        qsizetype least = std::numeric_limits<qsizetype>::max();
        for (const QString& name : names)
            least = std::min(least, manager.trends().series(name, u"queue_size"_s).size());
        return least;
    };
    QElapsedTimer filling;
    filling.start();
    while (depth() < samples) {
        waitMs(500);
        if (filling.elapsed() > 600'000) {
            out(u"error trend series reached only %1 of %2 samples in 10 minutes"_s.arg(depth())
                    .arg(samples));
            return 1;
        }
    }
    manager.setPollingEnabled(false);
    waitMs(1000); // the last polls land

    // Idle = the main thread used no CPU for 100 ms; the switch is charged with everything up
    // to there (layout, the first paint after it, deferred refreshes).
    const auto untilIdle = [] {
        qint64 before = threadCpuUs();
        for (int quiet = 0; quiet < 100;) {
            waitMs(10);
            const qint64 now = threadCpuUs();
            quiet = now - before < 200 ? quiet + 10 : 0;
            before = now;
        }
    };
    untilIdle();
    out(u"trends filled (%1 samples per series); switching"_s.arg(depth()));
    QList<qint64> toCompare;
    QList<qint64> toPage;
    QList<qint64> longestCompareEvent;
    QList<qint64> longestPageEvent;
    QList<qint64> longestCompareGap;
    QList<qint64> longestPageGap;
    // The event loop's pulse, as in the soak: the CPU between two ticks of a 5 ms timer is work
    // nothing else could interleave with (input waits for it), however many events it was.
    qint64 cpuAtTick = threadCpuUs();
    qint64 longestGap = 0;
    QTimer pulse;
    pulse.setTimerType(Qt::PreciseTimer);
    pulse.setInterval(5);
    QObject::connect(&pulse, &QTimer::timeout, &pulse, [&cpuAtTick, &longestGap] {
        const qint64 now = threadCpuUs();
        longestGap = std::max(longestGap, now - cpuAtTick);
        cpuAtTick = now;
    });
    pulse.start();
    for (int i = 0; i < count; ++i) {
        const bool compare = i % 2 == 0;
        app.takeLongestCpuUs();
        cpuAtTick = threadCpuUs();
        longestGap = 0;
        const qint64 start = threadCpuUs();
        // From an event, as a key press would: the switch's own work is one of the timed events.
        QTimer::singleShot(0, &manager, [&, i, compare] {
            if (compare)
                manager.setCompareMode(true, names.mid((i / 2) % (names.size() - 3), 4));
            else
                world.window().showCluster(names.at((i / 2) % names.size()));
        });
        untilIdle();
        (compare ? toCompare : toPage).append(threadCpuUs() - start);
        (compare ? longestCompareEvent : longestPageEvent).append(app.takeLongestCpuUs());
        (compare ? longestCompareGap : longestPageGap).append(longestGap);
    }
    const auto summary = [](const QList<qint64>& us) {
        const auto ms = [](double v) { return QString::number(v / 1000.0, 'f', 1); };
        return u"median %1 ms, max %2 ms (%3 switches)"_s.arg(
            ms(percentile(us, 0.5)), ms(percentile(us, 1.0)), QString::number(us.size()));
    };
    out(u"switch clusters=%1 samples_per_series=%2"_s.arg(clusters).arg(depth()));
    const auto list = [](const QList<qint64>& us) {
        QStringList ms;
        for (const qint64 v : us)
            ms << QString::number(double(v) / 1000.0, 'f', 1);
        return ms.join(u' ');
    };
    out(u"each switch into compare, in order (ms): "_s + list(toCompare));
    out(u"each switch into a page, in order (ms): "_s + list(toPage));
    out(u"main thread cpu, into a compare view of 4: "_s + summary(toCompare));
    out(u"  its longest single event: "_s + summary(longestCompareEvent));
    out(u"  its longest stretch between two pulses: "_s + summary(longestCompareGap));
    out(u"main thread cpu, into a cluster page: "_s + summary(toPage));
    out(u"  its longest single event: "_s + summary(longestPageEvent));
    out(u"  its longest stretch between two pulses: "_s + summary(longestPageGap));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    secondsSinceStart(); // starts the clock
    TimedApplication app(argc, argv);
    // The bench never touches a developer's own window settings.
    QTemporaryDir settings;
    QCoreApplication::setOrganizationName(u"QueueDeckBench"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    const QStringList args = QCoreApplication::arguments();
    const QString mode = args.value(1);
    app.setSlowMs(option(args, u"--slow-ms"_s, 1'000'000));
    if (mode == u"startup-once")
        return startupOnce(args.value(2), sinceMain);
    if (mode == u"startup")
        return startup(args);
    if (mode == u"soak") {
        const int code = soak(args);
        for (const QString& slow : app.slowEvents())
            out(u"slow event "_s + slow);
        return code;
    }
    if (mode == u"switch") {
        const int code = switches(args, app);
        for (const QString& slow : app.slowEvents())
            out(u"slow event "_s + slow);
        return code;
    }
    out(u"usage: qd-bench-gui startup|soak|switch [options] (see the comment at the top of GuiBench.cpp)"_s);
    return 2;
}
