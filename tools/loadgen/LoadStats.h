#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace qd::loadgen {

// The counts at one moment. What loadgen says it did, to compare with what Redis holds and
// with what QueueDeck measures.
struct LoadSnapshot {
    double elapsedSeconds = 0;
    qint64 produced = 0; // jobs pushed onto a queue
    QList<qint64> producedPerQueue; // in the order of LoadStats::queueNames()
    qint64 taken = 0; // jobs moved into a processing list
    qint64 completed = 0; // pushed onto the completed list
    qint64 failed = 0; // failed attempts (each retry counts)
    qint64 retried = 0; // failed attempts pushed back onto their queue
    qint64 deadLettered = 0; // pushed onto the dead-letter list
    qint64 handedBack = 0; // returned to their queue unfinished (stop, recovery)
    qint64 errors = 0; // Redis errors and unreachable servers
};

// Counters shared by producers and workers; lock-free increments from any thread.
class LoadStats final {
public:
    explicit LoadStats(QStringList queueNames);

    const QStringList& queueNames() const { return m_queueNames; }
    // Producers count per queue; index into queueNames().
    void addProduced(qsizetype queueIndex, qint64 count);

    std::atomic<qint64> taken = 0;
    std::atomic<qint64> completed = 0;
    std::atomic<qint64> failed = 0;
    std::atomic<qint64> retried = 0;
    std::atomic<qint64> deadLettered = 0;
    std::atomic<qint64> handedBack = 0;
    std::atomic<qint64> errors = 0;

    LoadSnapshot snapshot(double elapsedSeconds) const;

private:
    QStringList m_queueNames;
    std::unique_ptr<std::atomic<qint64>[]> m_produced;
};

} // namespace qd::loadgen
