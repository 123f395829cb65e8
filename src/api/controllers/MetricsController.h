#pragma once

namespace qd {
class ActionEngine;
class Manager;
} // namespace qd

namespace qd::api {

class ApiMetrics;
class Router;
class SseHub;

// GET /metrics: Prometheus text format (0.0.4) of the accumulated counters and the current
// gauges, serialized by prometheus-cpp.
class MetricsController final {
public:
    MetricsController(const Manager& manager, const ActionEngine& actions,
        const ApiMetrics& metrics, const SseHub& hub)
        : m_manager(manager), m_actions(actions), m_metrics(metrics), m_hub(hub)
    {
    }
    void registerRoutes(Router& router);

private:
    const Manager& m_manager;
    const ActionEngine& m_actions;
    const ApiMetrics& m_metrics;
    const SseHub& m_hub;
};

} // namespace qd::api
