#pragma once

#include "core/stats/ClusterStats.h"

#include <QList>
#include <QString>

namespace qd {

// One cluster as the compare engine and the anomaly detector see it: its newest poll and the
// polls before it, which form its own baseline.
struct CompareInput {
    QString cluster; // the name used in "values", "clusters" and "cluster"
    ClusterStats current;
    QList<ClusterStats> earlier; // successful polls before `current`, oldest first
};

} // namespace qd
