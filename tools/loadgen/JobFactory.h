#pragma once

#include "loadgen/Job.h"

#include <QString>

#include <random>

namespace qd::loadgen {

// Makes the jobs a producer pushes: a fresh UUID per job (unique across runs and processes,
// whatever the seed), a synthetic file path and size, the creation time, and trace context.
// One per producer thread; not thread-safe.
class JobFactory final {
public:
    explicit JobFactory(quint64 seed);

    Job make(const QString& queueName);

private:
    QString randomHex(int digits);

    std::mt19937_64 m_random;
};

} // namespace qd::loadgen
