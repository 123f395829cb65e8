#include "support/EngineConfig.h"

#include <algorithm>

namespace qd::test {

ClusterConfig clusterFor(const QString& name, const QString& endpoint)
{
    ClusterConfig c;
    c.name = name;
    c.label = name.toUpper();
    c.color = QStringLiteral("green");
    c.endpoint = endpoint;
    return c;
}

Config configFor(const QList<ClusterConfig>& clusters, Millis interval)
{
    using namespace std::chrono_literals;
    Config config;
    config.clusters = clusters;
    config.polling = PollingConfig {interval, 50ms, std::min(interval, Millis(250ms)), true};
    config.cache.ttl = interval;
    return config;
}

} // namespace qd::test
