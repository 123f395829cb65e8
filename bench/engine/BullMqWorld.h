#pragma once

#include <QString>

#include <memory>
#include <vector>

class QTcpSocket;

namespace qd::bench {

// A BullMQ deployment as BullMQ 6.7 lays it out (docs/queue-systems/bullmq.md): `queues`
// queues under the prefix "bull", each with a meta hash, waiting, prioritized, active, delayed,
// completed and failed jobs (job hashes with the fields and sizes BullMQ writes), every second
// queue with metrics counters; and `workers` worker connections, named as BullMQ's workers
// name theirs and held open while the world lives.
struct BullMqWorld {
    int queues = 100;
    int workers = 20;

    BullMqWorld();
    ~BullMqWorld();
    BullMqWorld(const BullMqWorld&) = delete;
    BullMqWorld& operator=(const BullMqWorld&) = delete;

    static QString queueName(int index);
    static qint64 waitingIn(int index) { return 5 + index % 20; }

    // Writes the state into the Redis at endpoint (flushing the database first) and opens the
    // worker connections. Throws ConnectionError.
    void seed(const QString& endpoint);

private:
    std::vector<std::unique_ptr<QTcpSocket>> m_connections;
};

} // namespace qd::bench
