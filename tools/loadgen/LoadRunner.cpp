#include "loadgen/LoadRunner.h"

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "loadgen/Producer.h"
#include "loadgen/Worker.h"

#include <random>

namespace qd::loadgen {
namespace {

using namespace Qt::StringLiterals;

QStringList namesOf(const QList<QueueShare>& shares)
{
    QStringList names;
    for (const QueueShare& share : shares)
        names.append(share.name);
    return names;
}

// Reaches the deployment once: any mode, TLS and credentials the engine supports.
QString pingProblem(const ClusterConfig& cluster, Millis timeout)
{
    try {
        const std::unique_ptr<redis::RedisClient> client
            = redis::RedisClient::create(cluster, timeout);
        const redis::Reply reply = client->command(redis::Command {QByteArrayLiteral("PING")});
        if (reply.isError())
            return u"PING was refused: "_s + reply.toString();
    } catch (const redis::ConnectionError& error) {
        return error.message();
    }
    return {};
}

} // namespace

LoadRunner::LoadRunner(LoadgenOptions options)
    : m_options(std::move(options)), m_stats(namesOf(m_options.effectiveQueues()))
{
}

LoadRunner::~LoadRunner()
{
    stop();
}

bool LoadRunner::start(QString* error)
{
    QString problem = m_started ? u"this run was started already"_s : m_options.validate();
    if (problem.isEmpty())
        problem = pingProblem(m_options.cluster, m_options.commandTimeout);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_started = true;
    m_startedAt = std::chrono::steady_clock::now();

    // Without --seed every run differs; with it, durations and failures repeat.
    const quint64 seed = m_options.seed.value_or(std::random_device {}());
    if (m_options.producers > 0 && m_options.bursty()) {
        // Bursts arrive together: every producer pushes its share at the same instants.
        for (int i = 0; i < m_options.producers; ++i) {
            const qint64 share = m_options.burst / m_options.producers
                + (i < m_options.burst % m_options.producers ? 1 : 0);
            if (share > 0)
                m_producers.push_back(std::make_unique<Producer>(
                    m_options, m_stats, m_control, 0.0, Millis(0), seed + 1000 + i, share));
        }
    } else if (m_options.producers > 0 && m_options.rate > 0) {
        const double each = m_options.rate / m_options.producers;
        for (int i = 0; i < m_options.producers; ++i) {
            // Producer i starts i/rate later, so together they push evenly spaced jobs.
            const Millis phase(static_cast<Millis::rep>(1000.0 * i / m_options.rate));
            m_producers.push_back(std::make_unique<Producer>(
                m_options, m_stats, m_control, each, phase, seed + 1000 + i));
        }
    }
    for (int i = 0; i < m_options.workers; ++i)
        m_workers.push_back(
            std::make_unique<Worker>(m_options, m_stats, m_control, i, seed + 2000000 + i));
    for (const auto& producer : m_producers)
        producer->start();
    for (const auto& worker : m_workers)
        worker->start();
    return true;
}

void LoadRunner::stop()
{
    finish(RunControl::Mode::Stop);
}

void LoadRunner::abandon()
{
    finish(RunControl::Mode::Abandon);
}

void LoadRunner::finish(RunControl::Mode mode)
{
    m_control.request(mode);
    for (const auto& producer : m_producers)
        producer->join();
    for (const auto& worker : m_workers)
        worker->join();
    if (m_started && !m_finishedAt)
        m_finishedAt = std::chrono::steady_clock::now();
}

LoadSnapshot LoadRunner::snapshot() const
{
    const auto until = m_finishedAt.value_or(std::chrono::steady_clock::now());
    const double elapsed
        = m_started ? std::chrono::duration<double>(until - m_startedAt).count() : 0.0;
    return m_stats.snapshot(elapsed);
}

QStringList LoadRunner::workerIds() const
{
    QStringList ids;
    for (const auto& worker : m_workers)
        ids.append(worker->id());
    return ids;
}

} // namespace qd::loadgen
