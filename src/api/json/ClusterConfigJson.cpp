#include "api/json/ClusterConfigJson.h"

#include "api/json/JsonTime.h"
#include "core/config/ConfigWriter.h"
#include "core/engine/Manager.h"
#include "core/redis/Endpoint.h"

using namespace Qt::StringLiterals;

namespace qd::api {

QJsonObject clusterConfigToJson(const ClusterConfig& cluster)
{
    QJsonObject json = ConfigWriter::clusterToJson(cluster, false);
    bool urlPassword = false;
    if (const auto endpoint = redis::Endpoint::parse(cluster.endpoint);
        endpoint && !endpoint->password.isEmpty()) {
        urlPassword = true;
        json.insert(u"endpoint"_s, endpoint->display());
    }
    // Only the one field the writer may emit for it; unknown fields are the user's own.
    json.remove(u"password"_s);
    json.insert(u"password_set"_s, urlPassword || !cluster.effectivePassword().isEmpty());
    return json;
}

QJsonObject connectionToJson(const Manager& manager, const ClusterConfig& cluster)
{
    if (!cluster.enabled) {
        return {{u"reachable"_s, false}, {u"status"_s, u"disabled"_s},
            {u"last_error"_s, QJsonValue::Null}, {u"last_checked"_s, QJsonValue::Null}};
    }
    const HealthReport health = manager.findHealth(cluster.name).value_or(HealthReport {});
    const HealthIssue* unreachable = health.issue(healthrule::Unreachable);
    return {{u"reachable"_s, health.reachable}, {u"status"_s, healthStatusName(health.status)},
        {u"last_error"_s, unreachable ? QJsonValue(unreachable->message) : QJsonValue::Null},
        {u"last_checked"_s, jsonTime(health.lastChecked)},
        {u"stats_at"_s, jsonTime(health.statsAt)}};
}

} // namespace qd::api
