#include "gui/TrendPeaks.h"

#include <algorithm>

namespace qd::gui {

QList<TrendSample> trendPeaks(const QList<TrendSample>& samples, qsizetype maxPoints)
{
    if (maxPoints < 1 || samples.size() <= maxPoints)
        return samples;
    const qsizetype bucket = (samples.size() + maxPoints - 1) / maxPoints;
    QList<TrendSample> peaks;
    peaks.reserve(samples.size() / bucket + 1);
    for (qsizetype start = 0; start < samples.size(); start += bucket) {
        const qsizetype end = std::min(samples.size(), start + bucket);
        double top = samples.at(start).value;
        for (qsizetype i = start + 1; i < end; ++i)
            top = std::max(top, samples.at(i).value);
        peaks.append({samples.at(end - 1).atMs, top});
    }
    return peaks;
}

} // namespace qd::gui
