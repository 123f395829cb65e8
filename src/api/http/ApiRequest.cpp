#include "api/http/ApiRequest.h"

#include "api/ApiError.h"
#include "core/config/ConfigValidator.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace qd::api {

bool isJsonContentType(const QByteArray& contentType)
{
    const QByteArray mime = contentType.split(';').constFirst().trimmed().toLower();
    return mime == "application/json"
        || (mime.startsWith("application/") && mime.endsWith("+json"));
}

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
    if (m_request.body().isEmpty())
        return {};
    return jsonObject();
}

QJsonObject ApiRequest::jsonObject() const
{
    const QByteArray body = m_request.body();
    const QByteArray contentType = m_request.value(QByteArrayLiteral("Content-Type"));
    if (!body.isEmpty() && !isJsonContentType(contentType))
        throw ApiError::unsupportedMediaType(contentType);
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(u"a JSON object body is required"_s, {}, u"body_required"_s);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(
            u"the body is not valid JSON: %1 at offset %2"_s.arg(error.errorString())
                .arg(error.offset),
            {}, u"invalid_json"_s);
    if (!document.isObject())
        throw ApiError::badRequest(u"the body must be a JSON object"_s, {}, u"invalid_json"_s);
    return document.object();
}

} // namespace qd::api
