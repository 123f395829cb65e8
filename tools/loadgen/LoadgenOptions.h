#pragma once

#include "core/config/ClusterConfig.h"
#include "core/util/Duration.h"
#include "loadgen/JobDuration.h"

#include <QList>
#include <QString>

#include <optional>

namespace qd::loadgen {

// A queue producers push to and its share of the total rate (a weight: only ratios matter).
struct QueueShare {
    QString name;
    double weight = 1.0;
};

// Everything one run of the workload generator needs. Built by OptionParser from the command
// line, or directly by tests. The cluster carries where Redis is and the queue system's keys.
struct LoadgenOptions {
    ClusterConfig cluster;
    // Producers pick among these by weight; empty: every configured queue, equal weights.
    // Workers always take from every configured queue, in the configured (priority) order.
    QList<QueueShare> queues;

    int producers = 1;
    double rate = 10.0; // jobs per second, all producers together
    // Bursty producers: above 0, all producers together push this many jobs at once every
    // `every` instead of a steady `rate`.
    qint64 burst = 0;
    Millis every {100};
    int workers = 1;
    JobDuration jobDuration {Millis(50)};
    // Between taking a job and writing its heartbeat: what a worker's own round trips and
    // bookkeeping cost; a range samples per job.
    JobDuration heartbeatGap {Millis(0)};
    double failureRatio = 0.0; // probability that one attempt fails
    std::optional<int> maxRetries; // default: cluster.queueSystem.maxRetries
    Millis heartbeatTtl {30000};
    // Longest a worker blocks in BRPOPLPUSH when every queue is empty; it bounds how late a
    // worker notices a pause flag, lower-priority work and a stop request.
    Millis blockTimeout {200};
    Millis commandTimeout {5000}; // connect and reply timeout, on top of blockTimeout
    Millis runFor {0}; // 0: until stopped (SIGTERM/SIGINT)
    Millis statsInterval {5000}; // 0: only the final line
    bool json = false;
    bool abandonOnExit = false; // stop like a crash: processing lists stay, no cleanup
    std::optional<quint64> seed; // for job durations and failures; default: random

    bool bursty() const { return burst > 0; }
    int effectiveMaxRetries() const { return maxRetries.value_or(cluster.queueSystem.maxRetries); }
    // The producers' queues with their weights, defaults applied.
    QList<QueueShare> effectiveQueues() const;
    // Empty when the options can run; otherwise what is wrong, for a person to read. Includes
    // the Redis Cluster hash-slot check (KeySlotCheck).
    QString validate() const;
};

} // namespace qd::loadgen
