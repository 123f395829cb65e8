#pragma once

#include <vector>

namespace prometheus {
struct MetricFamily;
}

namespace qd {
class ActionEngine;
class Manager;
} // namespace qd

namespace qd::api {

// The gauges of /metrics, read from the engine's cached state at scrape time: per cluster
// health, latency, queue lengths and pause flags, processing, dead letters, workers, job and
// error rates, Redis memory, the latest poll's cost; running actions; SSE clients. Built fresh
// on every scrape, so a removed cluster simply stops appearing.
class ClusterGauges final {
public:
    static std::vector<prometheus::MetricFamily> collect(
        const Manager& manager, const ActionEngine& actions, int sseClients);
};

} // namespace qd::api
