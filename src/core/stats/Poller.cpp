#include "core/stats/Poller.h"

#include "core/telemetry/OperationSpans.h"
#include "core/util/Clock.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

namespace qd {

struct Poller::Slot {
    QString name;
    std::shared_ptr<PollTarget> target;
    quint64 scheduleToken = 0; // the pending start's entry in m_due; 0: none pending
    bool inFlight = false;
    bool abandoned = false; // the poll in flight was already reported as timed out
    bool refreshPending = false; // a refresh arrived while a poll was in flight
    quint64 sequence = 0;
    std::chrono::steady_clock::time_point lastStart {};
};

Poller::Poller(const Clock& clock, PollingConfig config, QObject* parent)
    : QObject(parent), m_clock(clock), m_config(config)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Poller::runDue);
    resizePool();
}

Poller::~Poller()
{
    m_timer.stop();
    // Tasks leave their results in m_results; they are dropped with it.
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
            cancelStart(*slot);
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
    Slot* raw = slot.get();
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
        scheduleStart(slot, wait);
}

void Poller::removeCluster(const QString& name)
{
    const auto slot = m_clusters.take(name);
    if (!slot)
        return;
    // A poll in flight finishes on its own; its result finds no slot and is dropped. Its
    // entries in m_due find no slot either when they come due.
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
    cancelStart(*slot);
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
    cancelStart(slot);
    slot.inFlight = true;
    slot.abandoned = false;
    const quint64 sequence = ++slot.sequence;
    slot.lastStart = m_clock.now();
    push(Due {std::chrono::steady_clock::now() + m_config.timeout, Due::Kind::Watchdog, slot.name,
        sequence});
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
        // Collected by the main thread's next tick (collectResults), without waking it now.
        const QMutexLocker lock(&m_resultsLock);
        m_results.push_back(std::move(result));
    });
    ++m_outstanding;
    arm(); // the result tick
}

void Poller::collectResults()
{
    std::vector<PollResult> results;
    {
        const QMutexLocker lock(&m_resultsLock);
        results.swap(m_results);
    }
    m_outstanding -= static_cast<int>(results.size());
    for (PollResult& result : results) {
        const QString name = result.cluster;
        const quint64 sequence = result.sequence;
        finish(name, sequence, std::move(result));
    }
}

void Poller::finish(const QString& name, quint64 sequence, PollResult result)
{
    const auto slot = m_clusters.value(name);
    if (!slot || sequence != slot->sequence)
        return;
    // The watchdog's entry stays queued; abandon() ignores it, the sequence having moved on or
    // the slot being idle by then.
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
    scheduleStart(slot, std::max(wait, std::chrono::milliseconds(0)));
}

void Poller::scheduleStart(Slot& slot, std::chrono::milliseconds wait)
{
    // Real time, as QTimer counts it: the injectable clock may be a manual one in tests.
    slot.scheduleToken = ++m_nextToken;
    push(Due {
        std::chrono::steady_clock::now() + wait, Due::Kind::Start, slot.name, slot.scheduleToken});
}

void Poller::cancelStart(Slot& slot)
{
    slot.scheduleToken = 0;
}

void Poller::push(Due due)
{
    m_due.push(std::move(due));
    arm();
}

bool Poller::isLive(const Due& due) const
{
    const auto found = m_clusters.constFind(due.cluster);
    if (found == m_clusters.cend())
        return false; // removed since
    const Slot& slot = **found;
    if (due.kind == Due::Kind::Start)
        return slot.scheduleToken == due.token;
    return slot.inFlight && !slot.abandoned && slot.sequence == due.token;
}

void Poller::arm()
{
    // Entries that no longer apply (a finished poll's watchdog, a superseded start) are
    // dropped here rather than woken up for: nearly every watchdog is one of them.
    while (!m_due.empty() && !isLive(m_due.top()))
        m_due.pop();
    TimePoint next = m_due.empty() ? TimePoint::max() : m_due.top().at;
    if (m_outstanding > 0)
        next = std::min(next, std::chrono::steady_clock::now() + kResultTick);
    if (next == TimePoint::max()) {
        m_timer.stop();
        m_armedFor = TimePoint::max();
        return;
    }
    if (m_timer.isActive() && next >= m_armedFor)
        return; // already armed for something at least as early
    m_armedFor = next;
    const auto wait
        = std::chrono::ceil<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
    m_timer.start(std::max(wait, std::chrono::milliseconds(0)));
}

void Poller::runDue()
{
    m_armedFor = TimePoint::max();
    collectResults();
    const TimePoint now = std::chrono::steady_clock::now();
    // Starts due within the window run now, sharing this wake-up (never more than a
    // twentieth of the interval early); watchdogs only when due. Only what is due by then: a
    // start can queue a watchdog, a finish a start, and those wait for their own time.
    const auto window
        = std::min<std::chrono::milliseconds>(kCoalesceWindow, m_config.interval / 20);
    std::vector<Due> ready;
    std::vector<Due> notYet;
    while (!m_due.empty() && m_due.top().at <= now + window) {
        Due due = m_due.top();
        m_due.pop();
        if (due.kind == Due::Kind::Watchdog && due.at > now)
            notYet.push_back(std::move(due));
        else
            ready.push_back(std::move(due));
    }
    for (Due& due : notYet)
        m_due.push(std::move(due));
    for (const Due& due : ready) {
        const auto found = m_clusters.constFind(due.cluster);
        if (found == m_clusters.cend())
            continue; // removed since
        const std::shared_ptr<Slot> slot = *found; // kept alive whatever the signals do
        if (due.kind == Due::Kind::Watchdog) {
            abandon(due.cluster, due.token);
        } else if (slot->scheduleToken == due.token) {
            slot->scheduleToken = 0;
            start(*slot);
        }
    }
    arm();
}

void Poller::waitForIdle()
{
    m_pool.waitForDone();
    collectResults();
    arm();
}

} // namespace qd
