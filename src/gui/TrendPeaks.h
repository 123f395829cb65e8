#pragma once

#include "core/stats/TrendStore.h"

#include <QList>

namespace qd::gui {

// A chart or a sparkline a few hundred pixels wide cannot show an hour of one-second samples,
// and drawing them all costs the event loop for nothing. Longer series are cut into at most
// maxPoints equal buckets, each given as its highest value (a spike must stay visible) at the
// bucket's last time. Series no longer than maxPoints come back unchanged.
QList<TrendSample> trendPeaks(const QList<TrendSample>& samples, qsizetype maxPoints);

} // namespace qd::gui
