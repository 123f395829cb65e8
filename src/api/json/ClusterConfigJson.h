#pragma once

#include <QJsonObject>

namespace qd {
class Manager;
struct ClusterConfig;
} // namespace qd

namespace qd::api {

// A cluster's configuration as the API shows it: the config file's fields without any
// password (also not the one a redis:// URL may carry), and "password_set" instead.
QJsonObject clusterConfigToJson(const ClusterConfig& cluster);

// "connection" of GET /clusters/{name}: reachable, health status, last error, last check.
QJsonObject connectionToJson(const Manager& manager, const ClusterConfig& cluster);

} // namespace qd::api
