#pragma once

namespace qd {
class Manager;
}

namespace qd::api {

class Router;

// GET /api/v1/health[?cluster=]: 200 while healthy, 503 when the cluster asked for (or, for
// all, any enabled cluster) is not, so load balancers and probes can use the status alone.
class HealthController final {
public:
    explicit HealthController(Manager& manager) : m_manager(manager) { }
    void registerRoutes(Router& router);

private:
    Manager& m_manager;
};

} // namespace qd::api
