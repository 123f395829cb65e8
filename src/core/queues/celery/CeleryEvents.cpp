#include "core/queues/celery/CeleryEvents.h"

#include "core/redis/Connection.h"

#include <algorithm>
#include <cmath>

namespace qd::celery {

namespace {

// How long a worker counts as present after its last heartbeat: Celery's
// heartbeat_expires() allows two intervals.
std::chrono::steady_clock::duration expiry(double frequency)
{
    const double seconds = 2.0 * std::max(frequency, 0.1);
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(seconds));
}

} // namespace

EventWatch::EventWatch(redis::ConnectionSettings settings, int db, QByteArrayView prefix)
    : m_settings(std::move(settings)), m_pattern(eventPattern(db, prefix))
{
}

EventWatch::~EventWatch() = default;

void EventWatch::forgetSubscription()
{
    m_connection.reset();
    m_subscribedAt.reset();
    // Events missed while unsubscribed would make the roster wrong both ways.
    m_workers.clear();
}

void EventWatch::drain(TimePoint now)
{
    if (m_connection && m_connection->isBroken())
        forgetSubscription();
    if (!m_connection) {
        auto connection = redis::Connection::open(m_settings);
        const redis::Reply reply = connection->command(redis::Command {"PSUBSCRIBE", m_pattern});
        if (reply.isError() || reply.size() != 3)
            throw m_settings.error(redis::ConnectionError::Kind::Protocol,
                QStringLiteral("PSUBSCRIBE %1 refused: %2")
                    .arg(QString::fromUtf8(m_pattern), reply.toDebugString()));
        m_connection = std::move(connection);
        m_subscribedAt = now;
    }
    try {
        // Bounded: a flood of events must not hold the poll up forever.
        for (int read = 0; read < 100000; ++read) {
            const std::optional<redis::Reply> message = m_connection->receive(Millis(0));
            if (!message)
                break;
            // ["pmessage", pattern, channel, payload]
            if (message->size() != 4 || message->at(0).toByteArray() != "pmessage")
                continue;
            for (const Event& event : eventsOfMessage(message->at(3).toByteArray()))
                apply(event, now);
        }
    } catch (const redis::ConnectionError&) {
        forgetSubscription();
        throw;
    }
    const TimePoint horizon = now - rateWindow;
    while (!m_finished.empty() && m_finished.front().first < horizon)
        m_finished.pop_front();
}

void EventWatch::apply(const Event& event, TimePoint now)
{
    if (event.type == u"worker-heartbeat" || event.type == u"worker-online") {
        Worker& worker = m_workers[event.hostname];
        worker.lastBeat = now;
        worker.frequency = event.fields.value(QStringLiteral("freq")).toDouble(defaultFrequency);
        worker.last = event.fields;
    } else if (event.type == u"worker-offline") {
        m_workers.remove(event.hostname);
    } else if (event.type.startsWith(u"task-")) {
        m_taskEventsSeen = true;
        if (event.type == u"task-succeeded")
            m_finished.emplace_back(now, false);
        else if (event.type == u"task-failed")
            m_finished.emplace_back(now, true);
    }
}

std::optional<QList<WorkerStat>> EventWatch::workers(TimePoint now) const
{
    if (!m_subscribedAt || now - *m_subscribedAt < expiry(defaultFrequency))
        return std::nullopt;
    QList<WorkerStat> workers;
    for (auto it = m_workers.cbegin(); it != m_workers.cend(); ++it) {
        const Worker& seen = it.value();
        const auto window = expiry(seen.frequency);
        const auto age = now - seen.lastBeat;
        if (age >= window)
            continue;
        WorkerStat& worker = workers.emplace_back();
        worker.id = it.key();
        const qsizetype at = worker.id.indexOf(u'@');
        worker.host = at >= 0 ? worker.id.sliced(at + 1) : worker.id;
        worker.heartbeatAgeMs = std::chrono::duration_cast<std::chrono::milliseconds>(age).count();
        worker.heartbeatTtlMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(window - age).count();
        const QJsonValue pid = seen.last.value(QStringLiteral("pid"));
        if (pid.isDouble())
            worker.pid = static_cast<qint64>(pid.toDouble());
        const QJsonValue active = seen.last.value(QStringLiteral("active"));
        if (active.isDouble()) {
            worker.busy = active.toInt();
            worker.processingLength = active.toInt();
        }
    }
    std::sort(workers.begin(), workers.end(),
        [](const WorkerStat& a, const WorkerStat& b) { return a.id < b.id; });
    return workers;
}

std::optional<EventWatch::Rates> EventWatch::rates(TimePoint now) const
{
    if (!m_taskEventsSeen || !m_subscribedAt)
        return std::nullopt;
    const TimePoint horizon = now - rateWindow;
    qint64 finished = 0;
    qint64 failed = 0;
    for (const auto& [when, isFailure] : m_finished) {
        if (when < horizon)
            continue;
        ++finished;
        failed += isFailure ? 1 : 0;
    }
    // Over the time actually watched, up to the window.
    const auto watched
        = std::min<std::chrono::steady_clock::duration>(now - *m_subscribedAt, rateWindow);
    const double seconds = std::max(std::chrono::duration<double>(watched).count(), 1.0);
    Rates rates;
    rates.jobsPerSecond = static_cast<double>(finished) / seconds;
    rates.errorShare = finished > 0 ? static_cast<double>(failed) / finished : 0.0;
    return rates;
}

} // namespace qd::celery
