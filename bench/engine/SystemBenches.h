#pragma once

// The queue-system commands of qd-bench-engine: Sidekiq, BullMQ, RQ and Celery deployments
// polled through the real engine (docs/benchmarks.md, one section each).

#include <QString>

namespace qd::bench {

int sidekiqCost(const QString& endpoint);
int sidekiqEngine(int cycles, const QString& endpoint);
int bullmqEngine(int cycles, const QString& endpoint);
int rqSeed(const QString& endpoint);
int rqEngine(int cycles, const QString& endpoint);
int rqCost(const QString& endpoint);
int celeryEngine(int cycles, const QString& endpoint);

} // namespace qd::bench
