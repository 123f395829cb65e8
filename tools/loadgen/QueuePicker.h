#pragma once

#include <QList>

namespace qd::loadgen {

// Chooses the queue of each next job so that every queue gets exactly its share of the jobs
// over any stretch of time, interleaved rather than in runs (smooth weighted round robin, as
// nginx balances upstreams). Random choice would make per-queue rates wander, and those are
// rates QueueDeck's measurements are compared against.
class QueuePicker final {
public:
    explicit QueuePicker(QList<double> weights);

    // The index of the next job's queue.
    qsizetype next();

private:
    QList<double> m_weights;
    QList<double> m_current;
    double m_total = 0;
};

} // namespace qd::loadgen
