#include "gui/TrendPeaks.h"

#include <QChart>

#include <algorithm>
#include <cmath>

namespace qd::gui {

namespace {

constexpr qsizetype kMinPoints = 60;
constexpr qsizetype kMaxPoints = 600;
constexpr double kPixelsPerPoint = 2.0;

} // namespace

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

qsizetype chartPointsFor(double plotWidth, double fallbackWidth)
{
    const double width = plotWidth < 10 ? std::max(0.0, fallbackWidth) : plotWidth;
    return std::clamp(qsizetype(width / kPixelsPerPoint), kMinPoints, kMaxPoints);
}

void redrawOnPlotResize(QChart* chart, QObject* context, std::function<qsizetype()> wanted,
    std::function<qsizetype()> drawnWith, std::function<void()> redraw)
{
    QObject::connect(
        chart, &QChart::plotAreaChanged, context,
        [wanted = std::move(wanted), drawnWith = std::move(drawnWith), redraw = std::move(redraw)] {
            const qsizetype drawn = drawnWith();
            if (std::abs(double(wanted() - drawn)) > 0.2 * double(drawn))
                redraw();
        },
        Qt::QueuedConnection);
}

} // namespace qd::gui
