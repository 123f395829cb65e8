#include "loadgen/Worker.h"

#include "core/redis/RedisClient.h"
#include "loadgen/Job.h"
#include "loadgen/WorkerId.h"

#include <chrono>
#include <spdlog/spdlog.h>

namespace qd::loadgen {
namespace {

constexpr Millis kErrorPause {1000};

} // namespace

Worker::Worker(
    const LoadgenOptions& options, LoadStats& stats, RunControl& control, int index, quint64 seed)
    : m_options(options)
    , m_stats(stats)
    , m_control(control)
    , m_id(workerid::make(index))
    , m_random(seed)
{
}

Worker::~Worker()
{
    join();
}

void Worker::start()
{
    m_thread = std::thread([this] { run(); });
}

void Worker::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void Worker::run()
{
    try {
        // A reply to BRPOPLPUSH may take the whole block timeout; the call timeout must not
        // mistake that wait for a dead server.
        const std::unique_ptr<redis::RedisClient> client = redis::RedisClient::create(
            m_options.cluster, m_options.commandTimeout + m_options.blockTimeout);
        JobMover mover(*client, m_options.cluster.queueSystem, m_id, m_options.heartbeatTtl,
            m_options.blockTimeout);
        serve(mover);
    } catch (const std::exception& error) {
        // create() only throws for a configuration LoadRunner has already accepted.
        ++m_stats.errors;
        spdlog::error("loadgen: worker {} stopped: {}", m_id.toStdString(), error.what());
    }
}

void Worker::serve(JobMover& mover)
{
    bool uncertain = false; // a command failed: the processing list may hold a job
    while (m_control.running()) {
        try {
            if (uncertain) {
                m_stats.handedBack += mover.recover();
                uncertain = false;
            }
            bool allPaused = false;
            const std::optional<JobMover::Taken> job = mover.take(&allPaused);
            if (job)
                process(mover, *job);
            else if (allPaused)
                m_control.sleepFor(m_options.blockTimeout);
        } catch (const std::exception& error) {
            ++m_stats.errors;
            uncertain = true;
            spdlog::warn("loadgen: worker {}: {}", m_id.toStdString(), error.what());
            m_control.sleepFor(kErrorPause);
        }
    }
    if (uncertain && m_control.mode() == RunControl::Mode::Stop) {
        try {
            m_stats.handedBack += mover.recover();
        } catch (const std::exception& error) {
            spdlog::warn("loadgen: worker {} left its processing list as it was: {}",
                m_id.toStdString(), error.what());
        }
    }
}

void Worker::process(JobMover& mover, const JobMover::Taken& job)
{
    ++m_stats.taken;
    if (!m_control.running()) {
        stopWith(mover, job); // taken while the stop request came in
        return;
    }
    if (const Millis gap = m_options.heartbeatGap.sample(m_random); gap > Millis(0)) {
        if (!m_control.sleepFor(gap)) {
            stopWith(mover, job);
            return;
        }
    }
    mover.heartbeat(job.payload);
    if (!work(mover, job.payload)) {
        stopWith(mover, job);
        return;
    }
    std::bernoulli_distribution failing(m_options.failureRatio);
    if (failing(m_random)) {
        fail(mover, job);
        return;
    }
    mover.complete(job);
    ++m_stats.completed;
}

bool Worker::work(JobMover& mover, const QByteArray& payload)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point done = Clock::now() + m_options.jobDuration.sample(m_random);
    // Three refreshes per TTL: one slow round trip cannot let the key expire under a live job.
    const Millis refresh = m_options.heartbeatTtl / 3;
    Clock::time_point nextBeat = Clock::now() + refresh;
    while (Clock::now() < done) {
        if (!m_control.sleepUntil(std::min(done, nextBeat)))
            return false;
        if (Clock::now() >= nextBeat && Clock::now() < done) {
            mover.heartbeat(payload);
            nextBeat = Clock::now() + refresh;
        }
    }
    return true;
}

void Worker::fail(JobMover& mover, const JobMover::Taken& job)
{
    ++m_stats.failed;
    QString why;
    std::optional<Job> parsed = Job::fromJson(job.payload, &why);
    if (!parsed) {
        // Nothing can retry what cannot be read; the dead letters keep it for a person.
        spdlog::warn("loadgen: worker {}: a job that is {} goes to the dead letters",
            m_id.toStdString(), why.toStdString());
        mover.moveFailed(job, job.payload, m_options.cluster.queueSystem.deadLetterKey);
        ++m_stats.deadLettered;
        return;
    }
    parsed->addRetry();
    if (parsed->retries <= m_options.effectiveMaxRetries()) {
        mover.moveFailed(job, parsed->toJson(), job.queueKey);
        ++m_stats.retried;
    } else {
        mover.moveFailed(job, parsed->toJson(), m_options.cluster.queueSystem.deadLetterKey);
        ++m_stats.deadLettered;
    }
}

void Worker::stopWith(JobMover& mover, const JobMover::Taken& job)
{
    if (m_control.mode() != RunControl::Mode::Stop)
        return; // abandon: the job stays in the processing list, the heartbeat runs out
    mover.handBack(job);
    ++m_stats.handedBack;
}

} // namespace qd::loadgen
