#pragma once

#include <string>

namespace qd {
class ActionEngine;
class Manager;
} // namespace qd

namespace qd::api {

// The gauges of /metrics, read from the engine's cached state at scrape time: per cluster
// health, latency, queue lengths and pause flags, processing, dead letters, workers, job and
// error rates, Redis memory, the latest poll's cost; running actions; SSE clients. Written
// fresh on every scrape, so a removed cluster simply stops appearing, as Prometheus text
// (PrometheusText: no registry in between).
class ClusterGauges final {
public:
    static std::string render(const Manager& manager, const ActionEngine& actions, int sseClients);
};

} // namespace qd::api
