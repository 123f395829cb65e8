#pragma once

#include "core/config/Config.h"
#include "core/stats/PollTarget.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <memory>

class QTimer;

namespace qd {

class Clock;

// Polls every cluster on its own schedule: a poll starts every interval ± jitter (measured from
// the previous start, so a slow cluster never delays the others), runs on a pool thread, and
// a cluster never has two polls in flight. A poll still running at timeout is reported as a
// failure at once and its late result dropped. Results arrive on the main thread.
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

Q_SIGNALS:
    void pollStarted(const QString& cluster);
    void pollFinished(const qd::PollResult& result);

private:
    struct Slot;

    void start(Slot& slot);
    // A first poll: clusters added together start kStartSpacing apart, not all at once.
    void startStaggered(Slot& slot);
    void finish(const QString& name, quint64 sequence, PollResult result);
    void abandon(const QString& name, quint64 sequence);
    void scheduleNext(Slot& slot);
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
};

} // namespace qd
