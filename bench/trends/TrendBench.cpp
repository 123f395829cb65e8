// qd-bench-trends <clusters> <queues> <capacity>
//
// Fills a TrendStore as the engine would after `capacity` polls of every cluster (an hour:
// 720 polls at a 5 s interval), then records one more round, so every ring is full and wraps.
// Prints the store's own sample bytes, the process's resident memory before and after (what
// the hash tables, metric names and allocator add on top), and the CPU one record() costs
// once the rings are full. The figures go to docs/benchmarks.md ("Trend store at fleet
// scale"); nothing here is asserted.

#include "core/stats/ClusterStats.h"
#include "core/stats/TrendStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <ctime>

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double cpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// A poll of a small queue system: every standard metric present, one length per queue, and
// figures that change from poll to poll as a live deployment's do.
qd::ClusterStats pollOf(const QString& cluster, const QStringList& queues, qint64 poll, qint64 atMs)
{
    qd::ClusterStats stats;
    stats.clusterName = cluster;
    stats.system = QStringLiteral("go-redis-work-queue");
    for (int q = 0; q < queues.size(); ++q) {
        qd::QueueStat queue;
        queue.name = queues.at(q);
        queue.length = (poll * 7 + q * 13) % 500;
        stats.queues.append(queue);
    }
    stats.processingCount = poll % 10;
    stats.deadLetterCount = poll / 100;
    stats.workerCount = 10;
    stats.jobRate = double(poll % 50) / 3;
    stats.errorRate = double(poll % 7) / 100;
    stats.ratesKnown = true;
    stats.latencyMs = 1.5 + double(poll % 20) / 10;
    stats.polledAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    return stats;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int clusters = args.value(1).toInt();
    const int queueCount = args.value(2).toInt();
    const int capacity = args.value(3).toInt();
    if (clusters <= 0 || queueCount < 0 || capacity < 2) {
        std::fprintf(stderr, "usage: qd-bench-trends <clusters> <queues> <capacity>\n");
        return 2;
    }
    QTextStream out(stdout);
    QStringList names;
    for (int c = 0; c < clusters; ++c)
        names.append(QStringLiteral("cluster-%1").arg(c, 4, 10, QLatin1Char('0')));
    QStringList queues;
    for (int q = 0; q < queueCount; ++q)
        queues.append(QStringLiteral("queue-%1").arg(q));

    const qint64 before = residentKiB();
    qd::TrendStore store(capacity);
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    // Round by round, as polls arrive: every cluster's rings grow together.
    for (int poll = 0; poll < capacity; ++poll) {
        for (const QString& name : std::as_const(names))
            store.record(pollOf(name, queues, poll, t0 + qint64(poll) * 5000));
    }
    const qint64 full = residentKiB();
    // One more round on full rings: the steady state of a long-running server. The ClusterStats
    // are built before the clock starts so only record() is timed.
    QList<qd::ClusterStats> round;
    round.reserve(clusters);
    for (const QString& name : std::as_const(names))
        round.append(pollOf(name, queues, capacity, t0 + qint64(capacity) * 5000));
    const double c0 = cpuSeconds();
    for (const qd::ClusterStats& stats : std::as_const(round))
        store.record(stats);
    const double steady = cpuSeconds() - c0;

    const qint64 samples = qint64(clusters) * capacity;
    const int metrics = int(store.metrics(names.first()).size());
    out << "clusters " << clusters << ", queues " << queueCount << ", metrics per cluster "
        << metrics << ", polls kept " << store.recordedPolls(names.first()) << " of " << capacity
        << "\n";
    out << "sample storage (allocatedBytes): " << store.allocatedBytes() / 1024 / 1024 << " MiB, "
        << store.allocatedBytes() / clusters << " B per cluster, "
        << double(store.allocatedBytes()) / double(samples) << " B per poll\n";
    out << "resident memory: " << before / 1024 << " MiB before, " << full / 1024
        << " MiB with full rings (+" << (full - before) / 1024 << " MiB, "
        << (full - before) * 1024 / clusters << " B per cluster)\n";
    out << "record() on full rings: " << steady * 1e6 / clusters << " us of CPU per poll\n";
    return 0;
}
