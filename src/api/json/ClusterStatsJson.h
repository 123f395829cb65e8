#pragma once

#include <QJsonObject>

namespace qd {
struct ClusterStats;
}

namespace qd::api {

// The API specification's ClusterStats object (cluster_name, queue_sizes, processing_count,
// dead_letter_count, worker_count, job_rate, error_rate) followed by QueueDeck's detail:
// per-queue keys and pause flags, workers, Redis server figures, poll latency and cost.
QJsonObject clusterStatsToJson(const ClusterStats& stats);

} // namespace qd::api
