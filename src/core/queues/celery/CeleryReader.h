#pragma once

#include "core/redis/Command.h"
#include "core/redis/Reply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::celery {

// kombu's Redis transport as Celery uses it (docs/queue-systems/celery.md). A queue is a list
// named after it plus one list per priority step, "<queue>\x06\x16<step>"; messages delivered
// to a worker and not yet acknowledged sit in the "unacked" hash, indexed by delivery time in
// the "unacked_index" sorted set; events go out on pub/sub channels "/<db>.celeryev/<type>".
// kombu's `global_keyprefix` transport option puts a prefix before every one of these names
// (keys and event channels alike); the functions below take it, empty for none.
inline constexpr QByteArrayView separator {"\x06\x16"};
inline constexpr int priorityStepCount = 4;
inline constexpr int priorityStepsList[priorityStepCount] {0, 3, 6, 9};
inline constexpr QByteArrayView unackedKey {"unacked"};
inline constexpr QByteArrayView unackedIndexKey {"unacked_index"};
inline constexpr QByteArrayView bindingPattern {"_kombu.binding.*"};

// The lists of a queue, step 0 (the plain list) first.
QList<QByteArray> queueLists(const QString& queue, QByteArrayView prefix = {});
// The SCAN pattern matching kombu's binding sets under the prefix.
QByteArray bindingMatch(QByteArrayView prefix = {});
// The queue named by a member of a "<prefix>_kombu.binding.<exchange>" set, empty when the
// binding is Celery's own plumbing (remote control, replies, events) rather than a task queue.
QString queueOfBinding(
    QByteArrayView bindingKey, QByteArrayView member, QByteArrayView prefix = {});
// The pattern matching every event channel of a database.
QByteArray eventPattern(int db, QByteArrayView prefix = {});
// text with Redis's glob characters escaped, to be matched literally by SCAN MATCH or PSUBSCRIBE.
QByteArray globEscaped(QByteArrayView text);

// What one poll read.
struct QueueReading {
    QString name;
    qint64 length = 0; // summed over the priority lists
    qint64 lists[priorityStepCount] {}; // per step
};
struct PollReading {
    QList<QueueReading> queues;
    qint64 unacked = 0; // HLEN unacked
    // Delivered longer ago than the visibility timeout: kombu restores them to their queue.
    qint64 overdueUnacked = 0;
    std::optional<double> oldestUnackedSeconds; // the lowest unacked_index score (Unix time)
    QString error; // a reply that makes the reading unusable; empty when fine
};

// Plain reads only: LLEN of each queue's lists, HLEN unacked, the oldest unacked_index entry,
// and the count of entries older than overdueBefore (Unix seconds).
QList<redis::Command> pollCommands(
    const QStringList& queues, double overdueBefore, QByteArrayView prefix = {});
PollReading readPoll(const QStringList& queues, const QList<redis::Reply>& replies);

// One Celery event as its dispatcher published it ("worker-heartbeat", "task-succeeded", ...).
struct Event {
    QString type;
    QString hostname;
    QJsonObject fields;
};
// The events in one pub/sub payload (a kombu envelope whose body is one event, or a list of
// them when the worker buffers task events); empty when the payload is not one.
QList<Event> eventsOfMessage(const QByteArray& payload);

} // namespace qd::celery
