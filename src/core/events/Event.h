#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace qd {

// The event types the engine publishes (the API's SSE stream uses these names as-is).
namespace events {
inline const QString kClusterConnected = QStringLiteral("cluster_connected");
inline const QString kClusterDisconnected = QStringLiteral("cluster_disconnected");
inline const QString kHealthChanged = QStringLiteral("health_changed");
inline const QString kAnomalyDetected = QStringLiteral("anomaly_detected");
inline const QString kActionCreated = QStringLiteral("action_created");
inline const QString kActionConfirmed = QStringLiteral("action_confirmed");
inline const QString kActionStarted = QStringLiteral("action_started");
inline const QString kActionProgress = QStringLiteral("action_progress");
inline const QString kActionCompleted = QStringLiteral("action_completed");
inline const QString kActionFailed = QStringLiteral("action_failed");
inline const QString kActionCancelled = QStringLiteral("action_cancelled");
inline const QString kConfigChanged = QStringLiteral("config_changed");
} // namespace events

// One thing that happened, as the API's event stream shows it:
// {"id":"evt-123","type":"cluster_connected","cluster":"production","message":"…","timestamp":"…"}
struct Event {
    qint64 id = 0; // strictly increasing per process, starting at 1
    QString type;
    QString cluster; // empty for events not about one cluster
    QString message;
    QDateTime timestamp; // UTC
    QJsonObject data; // type-specific detail (health status, action id, …)

    QString idString() const { return QStringLiteral("evt-") + QString::number(id); }
    // Parses "evt-42" or "42" (what SSE clients send back in Last-Event-ID); 0 when invalid.
    static qint64 parseId(QStringView text);
    // ISO 8601 in UTC with milliseconds ("2026-11-29T07:45:01.123Z"); empty when unset.
    QString timestampString() const;
    QJsonObject toJson() const;
};

} // namespace qd
