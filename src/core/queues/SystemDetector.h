#pragma once

#include "core/util/Clock.h"
#include "core/util/Duration.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace qd {

namespace redis {
class RedisClient;
}

// One deployment of a queue system found in a database: which system, under which namespace
// or prefix, the keys that gave it away, and the `queue_system` block that would read it.
struct SystemFinding {
    QString system; // the type name, as queue_system.type spells it
    // Sidekiq: the redis-namespace prefix (without ':'); BullMQ: the key prefix; else empty.
    QString scope;
    QStringList evidence; // "queues (set)", … at most kMaxEvidence, then "… and N more"
    QStringList queues; // the queue names seen, sorted
    QJsonObject suggestion; // the queue_system block: type and the options this layout needs

    static constexpr int kMaxEvidence = 8;
};

// What one detection saw. Keys are read through a bounded SCAN, so on a large database the
// report may rest on part of the key space: complete says whether every master was scanned to
// the end. The fixed key names (Sidekiq's `queues`, RQ's `rq:queues`, …) are checked directly,
// so they are found however early the scan stops.
struct DetectionReport {
    QList<SystemFinding> findings; // in the order of systemNames(), then by scope
    qint64 keysScanned = 0;
    bool complete = false;
    QString stoppedBy; // "key limit" or "time limit" when not complete; empty otherwise
    qint64 elapsedMs = 0;
    int nodes = 0; // masters asked
    QStringList nodeErrors; // masters that could not be scanned, with the reason

    bool found(const QString& system) const;
    QList<SystemFinding> findingsFor(const QString& system) const;
    // The machine form the command line prints with --json.
    QJsonObject toJson() const;
};

// Tells which queue systems keep keys in a Redis database, without writing anything: SCAN
// steps (bounded by a key count and a time), then TYPE and SSCAN on the candidates, one
// pipeline each. Blocking; call it from a worker thread.
class SystemDetector final {
public:
    struct Limits {
        qint64 maxKeys = 10000; // stop scanning once this many keys were seen
        Millis maxTime {2000}; // or once this long has passed, whichever comes first
        int scanCount = 1000; // COUNT of each SCAN step
    };

    // Every system the detector knows, in report order.
    static const QStringList& systemNames();

    // Throws redis::ConnectionError when no master can be reached at all.
    static DetectionReport detect(
        redis::RedisClient& client, const Limits& limits, const Clock& clock = Clock::system());
};

} // namespace qd
