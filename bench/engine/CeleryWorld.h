#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace qd::redis {
class RedisClient;
}

namespace qd::bench {

// A Celery 5.2 / kombu 5.2.4 Redis broker as they write it (docs/queue-systems/celery.md):
// `queues` queues ("celery" first) with messages in their plain list and their priority lists
// "<queue>\x06\x16<3|6|9>", each bound in "_kombu.binding.<queue>" as a producer binds it; one
// stale binding of a queue nobody uses any more; the bindings of remote control, its replies
// and the event receivers, which are not task queues; and `workers` workers' prefetched
// messages in "unacked" / "unacked_index", plus one delivered longer ago than the visibility
// timeout. Messages and bindings have kombu's exact shape (kombu's envelope, Python's JSON
// separators), so byte counts are realistic. The workers themselves exist only as events:
// CeleryEvents publishes them.
struct CeleryWorld {
    int queues = 10;
    int workers = 10;
    int prefetched = 4; // unacked messages per worker

    static QString queueName(int index);
    static QString staleQueue() { return QStringLiteral("imports-legacy"); }
    static QString hostname(int worker);
    // Waiting messages of queue index in the list of priority step (0, 3, 6, 9).
    static qint64 waitingIn(int index, int step);
    // Every queue QueueDeck should list: the seeded ones and the stale binding's.
    int queuesShown() const { return queues + 1; }

    // Writes the state into the Redis at endpoint (flushing the database first). Throws
    // ConnectionError.
    void seed(const QString& endpoint) const;
};

// Publishes events on the broker's event channels ("/<db>.celeryev/<routing key>") as the
// dispatcher of a Celery worker started with -E does: worker-heartbeat events one at a time,
// task events buffered into "task.multi" groups of up to 24 (a prefork worker's buffer).
// Each task sends task-received, task-started and task-succeeded (every tenth task-failed).
// Counts what it sent and what Redis delivers to one pattern subscriber, so a benchmark can
// tell these bytes from a poll's.
class CeleryEvents final {
public:
    struct Sent {
        qint64 messages = 0; // PUBLISH commands
        qint64 events = 0;
        qint64 tasks = 0;
        qint64 failed = 0;
        qint64 bytesSent = 0; // by this publisher
        qint64 bytesReceived = 0; // PUBLISH replies
        qint64 delivered = 0; // pmessage frames to one subscriber of "/<db>.celeryev/*"
        Sent& operator+=(const Sent& other);
    };

    CeleryEvents(const QString& endpoint, const CeleryWorld& world, int db = 0);
    ~CeleryEvents();
    CeleryEvents(const CeleryEvents&) = delete;
    CeleryEvents& operator=(const CeleryEvents&) = delete;

    // One worker-heartbeat from every worker.
    Sent heartbeats();
    // count tasks' events, spread over the workers, in task.multi groups.
    Sent tasks(int count);

private:
    Sent publish(const QList<std::pair<QByteArray, QByteArray>>& messages); // routing key, body

    const CeleryWorld& m_world;
    int m_db;
    std::unique_ptr<redis::RedisClient> m_client;
    qint64 m_clock = 0; // Celery's logical clock, carried by every event
    qint64 m_taskCount = 0;
};

} // namespace qd::bench
