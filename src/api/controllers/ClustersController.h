#pragma once

#include <QJsonObject>

namespace qd {
class Manager;
struct ClusterConfig;
} // namespace qd

namespace qd::api {

class Router;

// /api/v1/clusters and /api/v1/clusters/{name}: list, add, show (with connection status),
// replace and remove clusters. Changes go through the Manager, which validates them, saves the
// config file atomically and announces config_changed.
class ClustersController final {
public:
    explicit ClustersController(Manager& manager) : m_manager(manager) { }
    void registerRoutes(Router& router);

private:
    QJsonObject detail(const ClusterConfig& cluster) const;
    // A read_only cluster stays read-only whatever the API is asked: its flag cannot be lifted,
    // it cannot be removed (and re-added without the flag), and no other entry may reach the
    // same server and database without read_only. Lifting it is an edit of the config file.
    void guardReadOnly(const ClusterConfig* current, const ClusterConfig& next) const;
    void guardRemoval(const QString& name) const;

    Manager& m_manager;
};

} // namespace qd::api
