#pragma once

#include "core/util/Duration.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <random>

namespace qd::loadgen {

// How long a worker pretends to work on one job: a fixed time ("50ms") or a uniform range
// ("20ms..200ms"), written in the config's duration notation.
class JobDuration final {
public:
    JobDuration() = default;
    explicit JobDuration(Millis fixed) : m_min(fixed), m_max(fixed) { }
    JobDuration(Millis min, Millis max) : m_min(min), m_max(max) { }

    static std::optional<JobDuration> parse(QStringView text, QString* error = nullptr);

    Millis min() const { return m_min; }
    Millis max() const { return m_max; }
    Millis mean() const { return (m_min + m_max) / 2; }
    Millis sample(std::mt19937_64& random) const;
    QString toString() const;

private:
    Millis m_min {50};
    Millis m_max {50};
};

} // namespace qd::loadgen
