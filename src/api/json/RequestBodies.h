#pragma once

#include "core/config/ClusterConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// What each request body of the API means, as pure functions from bytes or JSON to typed
// values: no engine, no socket. The controllers call these and then act; the fuzz target
// tests/fuzz/FuzzApiBody.cpp calls the very same functions. Each throws ApiError (400, naming
// the field; 415 for a body that is not JSON) and nothing else for bad input.
namespace qd::api::requests {

// The body as a JSON object: a JSON Content-Type (application/json or application/*+json) when
// there is a body, valid JSON, an object. optional: an empty body is an empty object.
QJsonObject jsonObject(
    const QByteArray& body, const QByteArray& contentType, bool optional = false);
// application/json, or any application/*+json, with or without parameters (charset...).
bool isJsonContentType(const QByteArray& contentType);

// A cluster name from a query parameter or a list ("field" names it in the error).
QString clusterName(const QString& name, const QString& field);

// POST /api/v1/clusters, and PUT /api/v1/clusters/{name} with current set: the cluster the body
// describes, validated. For PUT a missing name keeps the current one, a missing password keeps
// the current password (GET never returns it), and the redacted form of the current endpoint
// stands for the endpoint with its password.
ClusterConfig cluster(const QJsonObject& body, const ClusterConfig* current = nullptr);

// POST /api/v1/actions.
struct ActionCreate {
    QString type;
    QStringList targets; // at least one
    QJsonObject parameters;
    std::optional<QString> requestedBy; // free of control characters
};
ActionCreate actionCreate(const QJsonObject& body);

// POST /api/v1/actions/{id}/confirm: who confirms, trimmed, never empty.
QString actionConfirm(const QJsonObject& body);
// POST /api/v1/actions/{id}/cancel: who cancels, when named.
std::optional<QString> actionCancel(const QJsonObject& body);

// POST /api/v1/stats/compare: at least two valid cluster names.
QStringList statsCompare(const QJsonObject& body);

// PUT /api/v1/ui/compare.
struct UiCompare {
    bool enabled = false;
    QStringList clusters; // valid cluster names, possibly none
};
UiCompare uiCompare(const QJsonObject& body);

} // namespace qd::api::requests
