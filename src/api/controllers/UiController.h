#pragma once

namespace qd {
class Manager;
}

namespace qd::api {

class Router;

// The API's endpoints for terminal UIs, served from the same UI state the desktop app shows:
// GET /api/v1/ui/tabs (one tab per enabled cluster, keys 1-9) and PUT /api/v1/ui/compare.
class UiController final {
public:
    explicit UiController(Manager& manager) : m_manager(manager) { }
    void registerRoutes(Router& router);

private:
    Manager& m_manager;
};

} // namespace qd::api
