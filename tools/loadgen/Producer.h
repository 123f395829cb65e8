#pragma once

#include "loadgen/JobFactory.h"
#include "loadgen/LoadStats.h"
#include "loadgen/LoadgenOptions.h"
#include "loadgen/QueuePicker.h"
#include "loadgen/RunControl.h"

#include <QStringList>

#include <chrono>
#include <thread>

namespace qd::redis {
class RedisClient;
}

namespace qd::loadgen {

// One producer thread with its own connection: LPUSHes jobs at a steady rate. Job k is due at
// start + k / rate; whatever is due when the thread wakes goes out as one pipeline, so the rate
// holds even when one round trip is longer than the gap between jobs, and jobs never come in
// bursts larger than what fell due meanwhile.
class Producer final {
public:
    // rate: this producer's jobs per second (> 0). phase delays its first job, so several
    // producers interleave instead of pushing at the same instants. burst above 0: instead of
    // a rate, this many jobs at once every options.every, from the start.
    Producer(const LoadgenOptions& options, LoadStats& stats, RunControl& control, double rate,
        Millis phase, quint64 seed, qint64 burst = 0);
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    void start();
    void join();

private:
    using Clock = std::chrono::steady_clock;

    void run();
    void produce(redis::RedisClient& client);
    void produceBursts(redis::RedisClient& client);
    void push(redis::RedisClient& client, qint64 count);

    const LoadgenOptions& m_options;
    LoadStats& m_stats;
    RunControl& m_control;
    const double m_rate;
    const Millis m_phase;
    const qint64 m_burst;
    QStringList m_queueNames;
    QStringList m_queueKeys;
    QueuePicker m_picker;
    JobFactory m_factory;
    std::thread m_thread;
};

} // namespace qd::loadgen
