#pragma once

#include "api/controllers/RenderedStats.h"

namespace qd {
class Manager;
}

namespace qd::api {

class Router;

// GET /api/v1/stats[?cluster=] and POST /api/v1/stats/compare, from the engine's cache: a
// read never waits for Redis.
class StatsController final {
public:
    explicit StatsController(Manager& manager) : m_manager(manager), m_rendered(manager) { }
    void registerRoutes(Router& router);

private:
    Manager& m_manager;
    RenderedStats m_rendered;
};

} // namespace qd::api
