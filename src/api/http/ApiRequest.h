#pragma once

#include "api/http/Router.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace qd::api {

// One request as a controller sees it: captured path segments, query parameters and the JSON
// body, each checked before use. Every accessor throws ApiError naming what is wrong.
class ApiRequest final {
public:
    ApiRequest(
        const QHttpServerRequest& request, const RouteInfo& route, QHash<QString, QString> params);

    const QHttpServerRequest& raw() const { return m_request; }
    const RouteInfo& route() const { return m_route; }

    // A captured path segment ("{id}"); empty when the route has none of that name.
    QString param(const QString& name) const { return m_params.value(name); }
    // The "{name}" segment, checked against the cluster name alphabet before anything uses it.
    QString clusterParam() const;

    std::optional<QString> query(const QString& key) const;
    QByteArray header(const QByteArray& name) const { return m_request.value(name); }
    QString remoteAddress() const;

    // The body as a JSON object: 415 unless it is application/json, 400 when it is empty (and
    // required), not JSON, or not an object.
    QJsonObject jsonObject() const;
    // The same, but an empty body (no Content-Type needed) gives an empty object.
    QJsonObject optionalJsonObject() const;

private:
    const QHttpServerRequest& m_request;
    const RouteInfo& m_route;
    QHash<QString, QString> m_params;
    QUrlQuery m_query;
};

} // namespace qd::api
