#include "api/http/ApiRequest.h"

#include "api/ApiError.h"
#include "api/json/RequestBodies.h"
#include "core/config/ConfigValidator.h"

using namespace Qt::StringLiterals;

namespace qd::api {

ApiRequest::ApiRequest(
    const QHttpServerRequest& request, const RouteInfo& route, QHash<QString, QString> params)
    : m_request(request), m_route(route), m_params(std::move(params)), m_query(request.query())
{
}

QString ApiRequest::clusterParam() const
{
    const QString name = param(u"name"_s);
    if (!ConfigValidator::isValidClusterName(name))
        throw ApiError::badRequest(
            u"\"%1\" is not a cluster name (letters, digits, '.', '_', '-'; at most 63)"_s.arg(
                name),
            u"name"_s, u"invalid_name"_s);
    return name;
}

std::optional<QString> ApiRequest::query(const QString& key) const
{
    if (!m_query.hasQueryItem(key))
        return std::nullopt;
    return m_query.queryItemValue(key, QUrl::FullyDecoded);
}

QString ApiRequest::remoteAddress() const
{
    return m_request.remoteAddress().toString();
}

QJsonObject ApiRequest::optionalJsonObject() const
{
    return requests::jsonObject(
        m_request.body(), m_request.value(QByteArrayLiteral("Content-Type")), true);
}

QJsonObject ApiRequest::jsonObject() const
{
    return requests::jsonObject(
        m_request.body(), m_request.value(QByteArrayLiteral("Content-Type")));
}

} // namespace qd::api
