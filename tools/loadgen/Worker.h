#pragma once

#include "loadgen/JobMover.h"
#include "loadgen/LoadStats.h"
#include "loadgen/LoadgenOptions.h"
#include "loadgen/RunControl.h"

#include <QString>

#include <random>
#include <thread>

namespace qd::loadgen {

// One worker thread with its own connection, following the worker contract of
// docs/queue-systems/go-redis-work-queue.md: take (honouring pause flags), heartbeat while working,
// then complete, retry or dead-letter. On a clean stop it hands its current job back; on abandon it
// leaves everything as a crashed worker would.
class Worker final {
public:
    Worker(const LoadgenOptions& options, LoadStats& stats, RunControl& control, int index,
        quint64 seed);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    const QString& id() const { return m_id; }
    void start();
    void join();

private:
    void run();
    void serve(JobMover& mover);
    void process(JobMover& mover, const JobMover::Taken& job);
    // Sleeps for the job's duration, refreshing the heartbeat; false when told to stop first.
    bool work(JobMover& mover, const QByteArray& payload);
    void fail(JobMover& mover, const JobMover::Taken& job);
    void stopWith(JobMover& mover, const JobMover::Taken& job);

    const LoadgenOptions& m_options;
    LoadStats& m_stats;
    RunControl& m_control;
    const QString m_id;
    std::mt19937_64 m_random;
    std::thread m_thread;
};

} // namespace qd::loadgen
