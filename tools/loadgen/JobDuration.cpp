#include "loadgen/JobDuration.h"

namespace qd::loadgen {

using namespace Qt::StringLiterals;

std::optional<JobDuration> JobDuration::parse(QStringView text, QString* error)
{
    const qsizetype dots = text.indexOf(u"..");
    const QStringView low = dots < 0 ? text : text.left(dots);
    const QStringView high = dots < 0 ? text : text.mid(dots + 2);
    const std::optional<Millis> min = duration::parse(low.trimmed(), error);
    if (!min)
        return std::nullopt;
    const std::optional<Millis> max = duration::parse(high.trimmed(), error);
    if (!max)
        return std::nullopt;
    if (*max < *min) {
        if (error)
            *error = u"the range \""_s + text.toString() + u"\" ends before it starts"_s;
        return std::nullopt;
    }
    return JobDuration(*min, *max);
}

Millis JobDuration::sample(std::mt19937_64& random) const
{
    if (m_min == m_max)
        return m_min;
    std::uniform_int_distribution<Millis::rep> pick(m_min.count(), m_max.count());
    return Millis(pick(random));
}

QString JobDuration::toString() const
{
    if (m_min == m_max)
        return duration::format(m_min);
    return duration::format(m_min) + u".."_s + duration::format(m_max);
}

} // namespace qd::loadgen
