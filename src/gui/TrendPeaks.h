#pragma once

#include "core/stats/TrendStore.h"

#include <QList>

#include <functional>

QT_BEGIN_NAMESPACE
class QChart;
class QObject;
QT_END_NAMESPACE

namespace qd::gui {

// A chart or a sparkline a few hundred pixels wide cannot show an hour of one-second samples,
// and drawing them all costs the event loop for nothing. Longer series are cut into at most
// maxPoints equal buckets, each given as its highest value (a spike must stay visible) at the
// bucket's last time. Series no longer than maxPoints come back unchanged.
QList<TrendSample> trendPeaks(const QList<TrendSample>& samples, qsizetype maxPoints);

// Points per chart line: one every other pixel of the plot's width, within [60, 600]. Stroking
// and hit-testing a line costs in proportion to its points, and Qt Charts does both on every
// update; a point per pixel or more draws nothing a person could see (and four lines of 600
// points make the switch into the compare view miss a frame). Before the first layout the plot
// area is empty: `fallbackWidth` (the view's) is a fair guess.
qsizetype chartPointsFor(double plotWidth, double fallbackWidth);

// Calls `redraw` when `chart`'s plot has grown or shrunk enough that its lines, drawn with
// `drawnWith()` points, would be drawn with more than 20 % more or fewer: small changes (an
// axis label that got longer) do not. Queued: the plot area changes in the middle of the
// chart's layout. `wanted` gives the count for the current plot.
void redrawOnPlotResize(QChart* chart, QObject* context, std::function<qsizetype()> wanted,
    std::function<qsizetype()> drawnWith, std::function<void()> redraw);

} // namespace qd::gui
