#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::loadgen {

// One job of the go-redis-work-queue system as it travels through Redis: a JSON object with the
// upstream's fields. Fields other producers add are kept, so a worker that requeues someone
// else's job changes nothing but "retries".
struct Job {
    QString id;
    QString filepath;
    qint64 filesize = 0;
    QString priority; // the logical queue name ("high", "low")
    int retries = 0;
    QString creationTime; // RFC 3339, UTC
    QString traceId; // W3C trace context: 32 hex digits
    QString spanId; // 16 hex digits
    QJsonObject extra;
    // Known fields the parsed payload lacked: toJson() leaves them out, so a requeued job
    // gains no fields either.
    QStringList absent;

    // One more failed attempt; "retries" is written from now on even if the payload lacked it.
    void addRetry();

    // Compact JSON, known fields in the upstream's order, then the extra ones.
    QByteArray toJson() const;
    // Nullopt (and the reason in *error) when payload is not a JSON object or a known field
    // has the wrong type. Missing fields keep their defaults: upstream producers omit none, but
    // a worker must not choke on a hand-written job.
    static std::optional<Job> fromJson(const QByteArray& payload, QString* error = nullptr);
};

} // namespace qd::loadgen
