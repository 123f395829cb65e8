#pragma once

#include "loadgen/LoadStats.h"
#include "loadgen/LoadgenOptions.h"
#include "loadgen/RunControl.h"

#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace qd::loadgen {

class Producer;
class Worker;

// One run of the workload generator: its producers and workers, their shared counters and
// stop switch. The command line uses it, and tests use it in-process:
//   LoadRunner run(options);
//   QVERIFY2(run.start(&error), ...);  ... run.stop();  // or run.abandon()
class LoadRunner final {
public:
    explicit LoadRunner(LoadgenOptions options);
    ~LoadRunner(); // stops cleanly when still running
    LoadRunner(const LoadRunner&) = delete;
    LoadRunner& operator=(const LoadRunner&) = delete;

    // Validates the options, checks that the server answers (PING) so that a wrong address
    // or password fails here with a clear message rather than as errors in every thread, then
    // starts the threads. False and the reason in *error when refused; at most once.
    bool start(QString* error);
    // Workers hand back the job they hold, delete their heartbeats and exit; returns when every
    // thread has ended (within about one block timeout plus one command).
    void stop();
    // Like a crash: threads end without another command, leaving processing lists and letting
    // heartbeats expire. Returns when every thread has ended.
    void abandon();

    bool isRunning() const { return m_started && m_control.running(); }
    const LoadgenOptions& options() const { return m_options; }
    const LoadStats& stats() const { return m_stats; }
    LoadSnapshot snapshot() const; // elapsed since start()
    QStringList workerIds() const;

private:
    void finish(RunControl::Mode mode);

    const LoadgenOptions m_options;
    LoadStats m_stats;
    RunControl m_control;
    bool m_started = false;
    std::chrono::steady_clock::time_point m_startedAt;
    std::optional<std::chrono::steady_clock::time_point> m_finishedAt; // freezes snapshot()
    std::vector<std::unique_ptr<Producer>> m_producers;
    std::vector<std::unique_ptr<Worker>> m_workers;
};

} // namespace qd::loadgen
