#pragma once

namespace qd {
class Manager;
}

namespace qd::api {

class Router;

// GET /api/v1/clusters/{name}/trends[?metric=&since=]: the trend store's samples of one
// metric, or of every metric the cluster has, oldest first.
class TrendsController final {
public:
    explicit TrendsController(const Manager& manager) : m_manager(manager) { }
    void registerRoutes(Router& router);

private:
    const Manager& m_manager;
};

} // namespace qd::api
