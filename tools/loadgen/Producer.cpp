#include "loadgen/Producer.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <cmath>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace qd::loadgen {
namespace {

// Jobs in one pipeline at most; more than this falls due only after a stall.
constexpr qint64 kMaxBatch = 512;
// Further behind than this, the schedule restarts from now: after a stall or an outage the
// producer resumes its rate instead of flooding the server with everything it missed.
constexpr double kMaxLagSeconds = 1.0;
constexpr Millis kErrorPause {1000};

QList<double> weightsOf(const QList<QueueShare>& shares)
{
    QList<double> weights;
    for (const QueueShare& share : shares)
        weights.append(share.weight);
    return weights;
}

} // namespace

Producer::Producer(const LoadgenOptions& options, LoadStats& stats, RunControl& control,
    double rate, Millis phase, quint64 seed, qint64 burst)
    : m_options(options)
    , m_stats(stats)
    , m_control(control)
    , m_rate(rate)
    , m_phase(phase)
    , m_burst(burst)
    , m_picker(weightsOf(options.effectiveQueues()))
    , m_factory(seed)
{
    for (const QueueShare& share : options.effectiveQueues()) {
        m_queueNames.append(share.name);
        m_queueKeys.append(options.cluster.queueSystem.keyOf(share.name));
    }
}

Producer::~Producer()
{
    join();
}

void Producer::start()
{
    m_thread = std::thread([this] { run(); });
}

void Producer::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void Producer::run()
{
    try {
        const std::unique_ptr<redis::RedisClient> client
            = redis::RedisClient::create(m_options.cluster, m_options.commandTimeout);
        if (m_burst > 0)
            produceBursts(*client);
        else
            produce(*client);
    } catch (const std::exception& error) {
        // create() only throws for a configuration LoadRunner has already accepted.
        ++m_stats.errors;
        spdlog::error("loadgen: producer stopped: {}", error.what());
    }
}

void Producer::produce(redis::RedisClient& client)
{
    Clock::time_point epoch = Clock::now() + m_phase;
    qint64 sent = 0; // jobs since epoch
    const auto dueAt = [&](qint64 index) {
        return epoch
            + std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(static_cast<double>(index) / m_rate));
    };
    while (m_control.running()) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - epoch).count();
        qint64 due = elapsed < 0 ? 0 : static_cast<qint64>(std::floor(elapsed * m_rate)) + 1 - sent;
        if (due <= 0) {
            m_control.sleepUntil(dueAt(sent));
            continue;
        }
        if (static_cast<double>(due) > std::max(1.0, m_rate * kMaxLagSeconds)) {
            spdlog::warn("loadgen: a producer fell {} jobs behind its schedule; restarting the "
                         "schedule from now",
                due);
            epoch = Clock::now();
            sent = 0;
            due = 1;
        }
        const qint64 batch = std::min(due, kMaxBatch);
        try {
            push(client, batch);
            sent += batch;
        } catch (const std::exception& error) {
            ++m_stats.errors;
            spdlog::warn("loadgen: producer: {}", error.what());
            m_control.sleepFor(kErrorPause);
            epoch = Clock::now();
            sent = 0;
        }
    }
}

void Producer::produceBursts(redis::RedisClient& client)
{
    // Burst k is due at start + k * every. A burst missed by more than one interval is
    // skipped, not caught up: the shape of the load matters more than its total here.
    Clock::time_point next = Clock::now();
    while (m_control.running()) {
        if (!m_control.sleepUntil(next))
            return;
        try {
            for (qint64 left = m_burst; left > 0; left -= kMaxBatch)
                push(client, std::min(left, kMaxBatch));
        } catch (const std::exception& error) {
            ++m_stats.errors;
            spdlog::warn("loadgen: producer: {}", error.what());
            m_control.sleepFor(kErrorPause);
        }
        next += std::chrono::duration_cast<Clock::duration>(m_options.every);
        if (Clock::now() - next > m_options.every)
            next = Clock::now();
    }
}

void Producer::push(redis::RedisClient& client, qint64 count)
{
    QList<redis::Command> commands;
    QList<qsizetype> queueOf;
    for (qint64 i = 0; i < count; ++i) {
        const qsizetype queue = m_picker.next();
        queueOf.append(queue);
        commands.append(redis::Command {QByteArrayLiteral("LPUSH"), m_queueKeys.at(queue).toUtf8(),
            m_factory.make(m_queueNames.at(queue)).toJson()});
    }
    const QList<redis::Reply> replies = client.pipeline(commands);
    QString failure;
    for (qsizetype i = 0; i < replies.size(); ++i) {
        if (replies.at(i).isInteger())
            m_stats.addProduced(queueOf.at(i), 1);
        else if (failure.isEmpty())
            failure = replies.at(i).toDebugString();
    }
    if (!failure.isEmpty())
        throw std::runtime_error("LPUSH failed: " + failure.toStdString());
}

} // namespace qd::loadgen
