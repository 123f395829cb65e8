#pragma once

// Configurations for an engine under test: one cluster per redis-server, polled fast enough
// that a test sees several polls within a second.

#include "core/config/Config.h"

#include <QList>
#include <QString>

#include <chrono>

namespace qd::test {

// A cluster at endpoint, labelled with its name in capitals and coloured green.
ClusterConfig clusterFor(const QString& name, const QString& endpoint);

// The clusters polled every `interval` (50 ms jitter, timeout the smaller of interval and
// 250 ms), the cache as fresh as one interval. Everything else is the product's default.
Config configFor(
    const QList<ClusterConfig>& clusters, Millis interval = std::chrono::milliseconds(300));

} // namespace qd::test
