#include "core/stats/Poller.h"

#include "core/telemetry/OperationSpans.h"
#include "core/util/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

namespace qd {

struct Poller::Slot {
    QString name;
    std::shared_ptr<PollTarget> target;
    QTimer* schedule = nullptr; // next start
    QTimer* watchdog = nullptr; // timeout of the poll in flight
    bool inFlight = false;
    bool abandoned = false; // the poll in flight was already reported as timed out
    bool refreshPending = false; // a refresh arrived while a poll was in flight
    quint64 sequence = 0;
    std::chrono::steady_clock::time_point lastStart {};
};

Poller::Poller(const Clock& clock, PollingConfig config, QObject* parent)
    : QObject(parent), m_clock(clock), m_config(config)
{
    resizePool();
}

Poller::~Poller()
{
    for (const auto& slot : std::as_const(m_clusters)) {
        slot->schedule->stop();
        slot->watchdog->stop();
    }
    // Tasks post their results to this object; Qt drops those events when it is destroyed.
    m_pool.waitForDone();
}

void Poller::resizePool()
{
    // Polls block on network I/O, not CPU: one thread per cluster (bounded) keeps a frozen
    // server from holding up anybody else's schedule. The bound is what a large fleet needs
    // when some of it stalls: a stalled poll holds its thread for the whole timeout, so 64
    // threads absorb only ~21 stalled polls a second at a 3 s timeout, and 2000 clusters every
    // 5 s with a few percent stalling already need more; idle threads expire after 30 s.
    const auto clusters = static_cast<int>(m_clusters.size());
    m_pool.setMaxThreadCount(std::clamp(clusters + 2, 4, 256));
}

std::chrono::milliseconds Poller::nextDelay() const
{
    const qint64 jitter = m_config.jitter.count();
    const qint64 offset = jitter > 0 ? static_cast<qint64>(QRandomGenerator::global()->bounded(
                                           static_cast<quint64>(2 * jitter + 1)))
            - jitter
                                     : 0;
    return std::chrono::milliseconds(std::max<qint64>(0, m_config.interval.count() + offset));
}

void Poller::setConfig(const PollingConfig& config)
{
    const bool wasEnabled = m_config.enabled;
    m_config = config;
    for (const auto& slot : std::as_const(m_clusters)) {
        if (!m_config.enabled)
            slot->schedule->stop();
        else if (!wasEnabled && !slot->inFlight)
            startStaggered(*slot);
    }
}

void Poller::addCluster(const QString& name, std::shared_ptr<PollTarget> target)
{
    removeCluster(name);
    auto slot = std::make_shared<Slot>();
    slot->name = name;
    slot->target = std::move(target);
    slot->schedule = new QTimer(this);
    slot->schedule->setSingleShot(true);
    slot->watchdog = new QTimer(this);
    slot->watchdog->setSingleShot(true);
    Slot* raw = slot.get();
    connect(slot->schedule, &QTimer::timeout, this, [this, raw] { start(*raw); });
    connect(
        slot->watchdog, &QTimer::timeout, this, [this, raw] { abandon(raw->name, raw->sequence); });
    m_clusters.insert(name, slot);
    resizePool();
    if (m_config.enabled)
        startStaggered(*raw);
}

void Poller::startStaggered(Slot& slot)
{
    // Real time, like the timers: the injectable clock may be a manual one in tests.
    const auto now = std::chrono::steady_clock::now();
    m_nextFirstStart = std::max(m_nextFirstStart, now);
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(m_nextFirstStart - now);
    m_nextFirstStart += kStartSpacing;
    if (wait.count() <= 0)
        start(slot);
    else
        slot.schedule->start(wait);
}

void Poller::removeCluster(const QString& name)
{
    const auto slot = m_clusters.take(name);
    if (!slot)
        return;
    // A poll in flight finishes on its own; its result finds no slot and is dropped.
    delete slot->schedule;
    delete slot->watchdog;
    resizePool();
}

bool Poller::isInFlight(const QString& name) const
{
    const auto slot = m_clusters.value(name);
    return slot && slot->inFlight;
}

void Poller::refresh(const QString& name)
{
    const auto slot = m_clusters.value(name);
    if (!slot)
        return;
    if (slot->inFlight) {
        slot->refreshPending = true;
        return;
    }
    slot->schedule->stop();
    start(*slot);
}

void Poller::refreshAll()
{
    for (const QString& name : m_clusters.keys())
        refresh(name);
}

void Poller::start(Slot& slot)
{
    if (slot.inFlight)
        return;
    slot.inFlight = true;
    slot.abandoned = false;
    const quint64 sequence = ++slot.sequence;
    slot.lastStart = m_clock.now();
    slot.watchdog->start(m_config.timeout);
    Q_EMIT pollStarted(slot.name);

    m_pool.start([this, target = slot.target, name = slot.name, sequence] {
        QElapsedTimer elapsed;
        elapsed.start();
        PollResult result;
        result.cluster = name;
        result.sequence = sequence;
        telemetry::ActiveSpan span(telemetry::pollSpan(name));
        try {
            result.stats = target->poll();
        } catch (...) {
            result.failure = target->describeFailure(std::current_exception());
        }
        telemetry::endPoll(*span, result.failure ? result.failure->kind : QString(),
            result.failure ? result.failure->message : QString());
        result.duration = std::chrono::milliseconds(elapsed.elapsed());
        QMetaObject::invokeMethod(
            this, [this, name, sequence, result] { finish(name, sequence, result); },
            Qt::QueuedConnection);
    });
}

void Poller::finish(const QString& name, quint64 sequence, PollResult result)
{
    const auto slot = m_clusters.value(name);
    if (!slot || sequence != slot->sequence)
        return;
    slot->watchdog->stop();
    slot->inFlight = false;
    if (!slot->abandoned)
        Q_EMIT pollFinished(result);
    slot->abandoned = false;
    if (slot->refreshPending) {
        slot->refreshPending = false;
        start(*slot);
        return;
    }
    scheduleNext(*slot);
}

void Poller::abandon(const QString& name, quint64 sequence)
{
    const auto slot = m_clusters.value(name);
    if (!slot || !slot->inFlight || sequence != slot->sequence || slot->abandoned)
        return;
    slot->abandoned = true;
    PollResult result;
    result.cluster = name;
    result.sequence = sequence;
    result.duration = m_config.timeout;
    result.failure
        = PollTarget::failure(QStringLiteral("cluster \"%1\": no answer within %2 (poll abandoned)")
                                  .arg(name, duration::format(m_config.timeout)),
            Severity::Warning, QStringLiteral("timeout"));
    Q_EMIT pollFinished(result);
}

void Poller::scheduleNext(Slot& slot)
{
    if (!m_config.enabled)
        return;
    const auto due = slot.lastStart + nextDelay();
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(due - m_clock.now());
    slot.schedule->start(std::max(wait, std::chrono::milliseconds(0)));
}

void Poller::waitForIdle()
{
    m_pool.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace qd
