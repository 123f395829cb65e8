#include "core/actions/MultiAction.h"

#include <QJsonArray>

namespace qd {
namespace {

constexpr ActionStatus kAll[] = {ActionStatus::Pending, ActionStatus::Confirmed,
    ActionStatus::Executing, ActionStatus::Completed, ActionStatus::Failed, ActionStatus::Cancelled,
    ActionStatus::Interrupted};

QJsonValue timeValue(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QDateTime timeFrom(const QJsonValue& value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs)
                            : QDateTime();
}

} // namespace

QString actionStatusName(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return QStringLiteral("pending");
    case ActionStatus::Confirmed:
        return QStringLiteral("confirmed");
    case ActionStatus::Executing:
        return QStringLiteral("executing");
    case ActionStatus::Completed:
        return QStringLiteral("completed");
    case ActionStatus::Failed:
        return QStringLiteral("failed");
    case ActionStatus::Cancelled:
        return QStringLiteral("cancelled");
    case ActionStatus::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<ActionStatus> actionStatusFromName(const QString& name)
{
    for (ActionStatus status : kAll) {
        if (actionStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

bool isFinal(ActionStatus status)
{
    return status == ActionStatus::Completed || status == ActionStatus::Failed
        || status == ActionStatus::Cancelled || status == ActionStatus::Interrupted;
}

bool isAllowedTransition(ActionStatus from, ActionStatus to)
{
    switch (from) {
    case ActionStatus::Pending:
        return to == ActionStatus::Confirmed || to == ActionStatus::Cancelled;
    case ActionStatus::Confirmed:
        return to == ActionStatus::Executing || to == ActionStatus::Failed
            || to == ActionStatus::Interrupted;
    case ActionStatus::Executing:
        return to == ActionStatus::Completed || to == ActionStatus::Failed
            || to == ActionStatus::Cancelled || to == ActionStatus::Interrupted;
    case ActionStatus::Completed:
    case ActionStatus::Failed:
    case ActionStatus::Cancelled:
    case ActionStatus::Interrupted:
        return false;
    }
    return false;
}

QJsonObject MultiAction::toJson() const
{
    QJsonArray confirmationArray;
    for (const Confirmation& c : confirmations)
        confirmationArray.append(QJsonObject {
            {QStringLiteral("required"), c.required}, {QStringLiteral("message"), c.message}});
    QJsonObject resultObject;
    for (auto it = results.begin(); it != results.end(); ++it) {
        const TargetResult& r = it.value();
        QJsonObject o {{QStringLiteral("success"), r.success},
            {QStringLiteral("message"), r.message}, {QStringLiteral("duration_ms"), r.durationMs},
            {QStringLiteral("finished"), r.finished}};
        if (!r.details.isEmpty())
            o.insert(QStringLiteral("details"), r.details);
        if (r.total > 0)
            o.insert(QStringLiteral("progress"),
                QJsonObject {{QStringLiteral("done"), r.done}, {QStringLiteral("total"), r.total}});
        resultObject.insert(it.key(), o);
    }
    QJsonObject json {{QStringLiteral("id"), id}, {QStringLiteral("type"), type},
        {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
        {QStringLiteral("parameters"), parameters},
        {QStringLiteral("confirmations"), confirmationArray},
        {QStringLiteral("status"), actionStatusName(status)},
        {QStringLiteral("results"), resultObject}, {QStringLiteral("requested_by"), requestedBy},
        {QStringLiteral("confirmed_by"), confirmedBy},
        {QStringLiteral("created_at"), timeValue(createdAt)},
        {QStringLiteral("executed_at"), timeValue(executedAt)},
        {QStringLiteral("finished_at"), timeValue(finishedAt)}};
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    if (!traceId.isEmpty())
        json.insert(QStringLiteral("trace_id"), traceId);
    return json;
}

std::optional<MultiAction> MultiAction::fromJson(const QJsonObject& json)
{
    const auto status = actionStatusFromName(json.value(QStringLiteral("status")).toString());
    if (!status || !json.value(QStringLiteral("id")).isString())
        return std::nullopt;
    MultiAction a;
    a.id = json.value(QStringLiteral("id")).toString();
    a.type = json.value(QStringLiteral("type")).toString();
    for (const QJsonValue& t : json.value(QStringLiteral("targets")).toArray())
        a.targets.append(t.toString());
    a.parameters = json.value(QStringLiteral("parameters")).toObject();
    for (const QJsonValue& c : json.value(QStringLiteral("confirmations")).toArray())
        a.confirmations.append(
            {c[QStringLiteral("required")].toBool(), c[QStringLiteral("message")].toString()});
    a.status = *status;
    const QJsonObject results = json.value(QStringLiteral("results")).toObject();
    for (auto it = results.begin(); it != results.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        TargetResult r;
        r.success = o.value(QStringLiteral("success")).toBool();
        r.message = o.value(QStringLiteral("message")).toString();
        r.durationMs = o.value(QStringLiteral("duration_ms")).toDouble();
        r.finished = o.value(QStringLiteral("finished")).toBool();
        r.details = o.value(QStringLiteral("details")).toObject();
        r.done = o[QStringLiteral("progress")][QStringLiteral("done")].toInteger();
        r.total = o[QStringLiteral("progress")][QStringLiteral("total")].toInteger();
        a.results.insert(it.key(), r);
    }
    a.requestedBy = json.value(QStringLiteral("requested_by")).toString();
    a.confirmedBy = json.value(QStringLiteral("confirmed_by")).toString();
    a.error = json.value(QStringLiteral("error")).toString();
    a.traceId = json.value(QStringLiteral("trace_id")).toString();
    a.createdAt = timeFrom(json.value(QStringLiteral("created_at")));
    a.executedAt = timeFrom(json.value(QStringLiteral("executed_at")));
    a.finishedAt = timeFrom(json.value(QStringLiteral("finished_at")));
    return a;
}

} // namespace qd
