#pragma once

#include "core/config/Config.h"
#include "core/stats/PollTarget.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <queue>

#include <chrono>
#include <memory>
#include <vector>

namespace qd {

class Clock;

// Polls every cluster on its own schedule: a poll starts every interval ± jitter (measured from
// the previous start, so a slow cluster never delays the others), runs on a pool thread, and
// a cluster never has two polls in flight. A poll still running at timeout is reported as a
// failure at once and its late result dropped. Results arrive on the main thread.
//
// Wake-ups are what a large fleet costs (docs/benchmarks.md, "Remote-like polling at scale"):
// on a virtual machine a thread switch costs more than a poll's parsing. So the main thread
// wakes on one timer only: it starts every poll due within the next few milliseconds in one
// go, and it collects finished polls on a short tick while any are outstanding instead of
// being woken by each one. Pool threads never wake it.
class Poller final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Poller)

public:
    Poller(const Clock& clock, PollingConfig config, QObject* parent = nullptr);
    ~Poller() override;

    void setConfig(const PollingConfig& config);
    const PollingConfig& config() const { return m_config; }

    void addCluster(const QString& name, std::shared_ptr<PollTarget> target);
    void removeCluster(const QString& name);
    bool hasCluster(const QString& name) const { return m_clusters.contains(name); }

    // Polls now (if not already in flight), whether polling is enabled or not.
    void refresh(const QString& name);
    void refreshAll();
    bool isInFlight(const QString& name) const;

    // Waits for polls in flight to return (used at shutdown and by tests).
    void waitForIdle();

    // How early a start may run to share a wake-up with others, and how often results are
    // collected while polls are outstanding.
    static constexpr std::chrono::milliseconds kCoalesceWindow {20};
    static constexpr std::chrono::milliseconds kResultTick {20};

Q_SIGNALS:
    void pollStarted(const QString& cluster);
    void pollFinished(const qd::PollResult& result);

private:
    struct Slot;
    using TimePoint = std::chrono::steady_clock::time_point;
    // Something the poller must do at a time: start a cluster's poll, or give up on the one in
    // flight. Entries are never removed early; one that no longer applies (the cluster went,
    // its start was moved, its poll finished) is recognised and skipped when it comes due.
    struct Due {
        TimePoint at;
        enum class Kind { Start, Watchdog } kind;
        QString cluster;
        quint64 token; // Start: the slot's scheduleToken; Watchdog: the poll's sequence
        bool operator>(const Due& other) const { return at > other.at; }
    };

    void start(Slot& slot);
    // A first poll: clusters added together start kStartSpacing apart, not all at once.
    void startStaggered(Slot& slot);
    void finish(const QString& name, quint64 sequence, PollResult result);
    void abandon(const QString& name, quint64 sequence);
    void scheduleNext(Slot& slot);
    void scheduleStart(Slot& slot, std::chrono::milliseconds wait);
    void cancelStart(Slot& slot);
    void push(Due due);
    bool isLive(const Due& due) const;
    void runDue();
    void collectResults();
    void arm();
    std::chrono::milliseconds nextDelay() const;
    void resizePool();

    const Clock& m_clock;
    PollingConfig m_config;
    QThreadPool m_pool;
    // 2000 clusters at start-up would otherwise dial 2000 connections in the same millisecond
    // and then poll in lockstep; 2 ms apart they are spread over 4 s, and stay spread.
    static constexpr std::chrono::milliseconds kStartSpacing {2};
    std::chrono::steady_clock::time_point m_nextFirstStart {};
    QHash<QString, std::shared_ptr<Slot>> m_clusters;
    // One timer for every cluster's next start and watchdog, armed for the earliest. A QTimer
    // per cluster and purpose cost a linear search of the thread's timer list on every start
    // and stop: with 2000 clusters that was 7 % of the server's CPU (docs/benchmarks.md).
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    QTimer m_timer;
    TimePoint m_armedFor {TimePoint::max()};
    quint64 m_nextToken = 0;
    // Finished polls waiting for the main thread, filled by pool threads.
    QMutex m_resultsLock;
    std::vector<PollResult> m_results;
    int m_outstanding = 0; // polls started whose result the main thread has not collected
};

} // namespace qd
