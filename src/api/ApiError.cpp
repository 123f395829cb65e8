#include "api/ApiError.h"

#include "core/errors/Errors.h"
#include "core/util/Log.h"

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

ApiError fromClusterError(const ClusterError& e)
{
    using Kind = ClusterError::Kind;
    switch (e.kind()) {
    case Kind::Unknown:
        return ApiError(404, u"cluster_not_found"_s, e.message(), e.field());
    case Kind::Duplicate:
        return ApiError(409, u"cluster_exists"_s, e.message(), e.field());
    case Kind::Disabled:
        return ApiError(409, u"cluster_disabled"_s, e.message(), e.field());
    case Kind::InvalidConfig:
        return ApiError(400, u"invalid_config"_s, e.message(), e.field());
    case Kind::NoData:
        return ApiError(503, u"no_data"_s, e.message(), e.field());
    case Kind::SaveFailed:
        return ApiError(500, u"save_failed"_s, e.message(), e.field());
    }
    return ApiError::internal(e.message());
}

ApiError fromActionError(const ActionError& e)
{
    using Kind = ActionError::Kind;
    switch (e.kind()) {
    case Kind::UnknownType:
        return ApiError(400, u"unknown_action_type"_s, e.message(), e.field());
    case Kind::NotAllowed:
        return ApiError(403, u"action_not_allowed"_s, e.message(), e.field());
    case Kind::UnknownTarget:
        return ApiError(404, u"cluster_not_found"_s, e.message(), e.field());
    case Kind::DisabledTarget:
        return ApiError(409, u"cluster_disabled"_s, e.message(), e.field());
    case Kind::ReadOnlyTarget:
        return ApiError(403, u"cluster_read_only"_s, e.message(), e.field());
    case Kind::UnsupportedForSystem:
        return ApiError(409, u"unsupported_for_system"_s, e.message(), e.field());
    case Kind::InvalidParameter:
        return ApiError(400, u"invalid_parameter"_s, e.message(), e.field());
    case Kind::NotFound:
        return ApiError(404, u"action_not_found"_s, e.message(), e.field());
    case Kind::IllegalTransition:
        return ApiError(409, u"illegal_transition"_s, e.message(), e.field());
    case Kind::ExecutionFailed:
        return ApiError(500, u"action_failed"_s, e.message(), e.field());
    }
    return ApiError::internal(e.message());
}

} // namespace

ApiError::ApiError(int status, QString code, QString message, QString field)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_field(std::move(field))
{
    // Config validation paths start with '.' when the object had no parent path.
    if (m_field.startsWith(u'.'))
        m_field.remove(0, 1);
}

ApiError ApiError::badRequest(const QString& message, const QString& field, const QString& code)
{
    return ApiError(400, code, message, field);
}

ApiError ApiError::unauthorized(const QString& message)
{
    return ApiError(401, u"unauthorized"_s, message);
}

ApiError ApiError::forbidden(const QString& message, const QString& code)
{
    return ApiError(403, code, message);
}

ApiError ApiError::notFound(const QString& message, const QString& field)
{
    return ApiError(404, u"not_found"_s, message, field);
}

ApiError ApiError::methodNotAllowed(const QString& message)
{
    return ApiError(405, u"method_not_allowed"_s, message);
}

ApiError ApiError::conflict(const QString& message, const QString& code, const QString& field)
{
    return ApiError(409, code, message, field);
}

ApiError ApiError::payloadTooLarge(qint64 limit)
{
    return ApiError(413, u"payload_too_large"_s,
        u"the request body is larger than api.max_body_bytes (%1 bytes)"_s.arg(limit));
}

ApiError ApiError::unsupportedMediaType(const QByteArray& contentType)
{
    return ApiError(415, u"unsupported_media_type"_s,
        contentType.isEmpty()
            ? u"a request body must be sent as application/json (Content-Type missing)"_s
            : u"a request body must be sent as application/json, not %1"_s.arg(
                QString::fromLatin1(contentType)));
}

ApiError ApiError::unavailable(const QString& message, const QString& code)
{
    return ApiError(503, code, message);
}

ApiError ApiError::internal(const QString& message)
{
    return ApiError(500, u"internal_error"_s, message);
}

ApiError ApiError::fromException(const std::exception_ptr& error)
{
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& e) {
        return e;
    } catch (const ClusterError& e) {
        return fromClusterError(e);
    } catch (const ActionError& e) {
        return fromActionError(e);
    } catch (const MultiClusterError& e) {
        // Compare and other multi-cluster reads fail together when a cluster has no data yet.
        return ApiError(503, u"no_data"_s, e.message());
    } catch (const QueueDeckError& e) {
        return internal(e.message());
    } catch (const std::exception& e) {
        spdlog::error("API handler failed: {}", e.what());
        return internal(u"internal error"_s);
    } catch (...) {
        spdlog::error("API handler failed with an unknown exception");
        return internal(u"internal error"_s);
    }
}

QJsonObject ApiError::toJson() const
{
    QJsonObject error {{u"code"_s, m_code}, {u"message"_s, m_message}};
    if (!m_field.isEmpty())
        error.insert(u"field"_s, m_field);
    return {{u"error"_s, error}};
}

} // namespace qd::api
