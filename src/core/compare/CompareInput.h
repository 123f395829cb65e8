#pragma once

#include "core/stats/ClusterStats.h"

#include <QList>
#include <QString>

namespace qd {

// One cluster as the compare engine and the anomaly detector see it: its newest poll and the
// recent polls that form its own baseline.
struct CompareInput {
    QString cluster; // the name used in "values", "clusters" and "cluster"
    ClusterStats current;
    QList<ClusterStats> history; // recent successful polls, oldest first; may end with current
};

} // namespace qd
