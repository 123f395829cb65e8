#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd {

// pending → confirmed → executing → completed | failed | cancelled; pending → cancelled;
// executing → interrupted (found executing after a crash; never run again).
enum class ActionStatus {
    Pending,
    Confirmed,
    Executing,
    Completed,
    Failed,
    Cancelled,
    Interrupted
};

QString actionStatusName(ActionStatus status); // "pending", "confirmed", ...
std::optional<ActionStatus> actionStatusFromName(const QString& name);
bool isFinal(ActionStatus status);
// The state graph; everything else is an illegal transition (ActionError).
bool isAllowedTransition(ActionStatus from, ActionStatus to);

// The outcome of one action on one cluster (results[cluster] of the action's JSON).
struct TargetResult {
    bool success = false; // "success"
    QString message; // "message": what happened, with figures ("purged 1204 dead letters")
    double durationMs = 0; // "duration_ms"
    QJsonObject details; // type-specific figures (counts, percentiles, peeked jobs)
    qint64 done = 0; // progress of long actions: units done of total
    qint64 total = 0;
    bool finished = false; // false while the target is still running (or has not started)
    friend bool operator==(const TargetResult&, const TargetResult&) = default;
};

// A confirmation entry of the action's JSON: {"required": true, "message": "..."}.
struct Confirmation {
    bool required = true;
    QString message;
    friend bool operator==(const Confirmation&, const Confirmation&) = default;
};

// One action over one or more clusters: the API specification's MultiAction plus who and when.
struct MultiAction {
    QString id; // "action-…"
    QString type; // purge_dlq, pause_queue, resume_queue, benchmark, requeue_dlq, peek
    QStringList targets; // cluster names, in the order given
    QJsonObject parameters;
    QList<Confirmation> confirmations; // what the operator is asked to confirm
    ActionStatus status = ActionStatus::Pending;
    QMap<QString, TargetResult> results; // per target
    QString requestedBy;
    QString confirmedBy;
    QString error; // why it failed or was cancelled/interrupted, naming the failed targets
    QString traceId; // W3C trace id of the action's trace; empty while tracing is off
    QDateTime createdAt;
    QDateTime executedAt;
    QDateTime finishedAt;

    QJsonObject toJson() const;
    static std::optional<MultiAction> fromJson(const QJsonObject& json);
};

} // namespace qd
