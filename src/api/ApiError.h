#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <exception>

namespace qd::api {

// Every failure the API reports, as one JSON shape: {"error": {"code", "message", "field"}}.
// Controllers throw it; the engine's own errors (ClusterError, ActionError, MultiClusterError)
// are translated by fromEngine(), the one place where error kinds become HTTP status codes.
class ApiError final : public std::exception {
public:
    ApiError(int status, QString code, QString message, QString field = {});

    static ApiError badRequest(const QString& message, const QString& field = {},
        const QString& code = QStringLiteral("invalid_request"));
    static ApiError unauthorized(const QString& message);
    static ApiError forbidden(
        const QString& message, const QString& code = QStringLiteral("forbidden"));
    static ApiError notFound(const QString& message, const QString& field = {});
    static ApiError methodNotAllowed(const QString& message);
    static ApiError conflict(const QString& message,
        const QString& code = QStringLiteral("conflict"), const QString& field = {});
    static ApiError payloadTooLarge(qint64 limit);
    static ApiError unsupportedMediaType(const QByteArray& contentType);
    static ApiError unavailable(
        const QString& message, const QString& code = QStringLiteral("unavailable"));
    static ApiError internal(const QString& message);

    // Translates whatever a handler threw. ClusterError, MultiClusterError and ActionError map by
    // kind; anything else is a 500 whose message does not leak internals.
    static ApiError fromException(const std::exception_ptr& error);

    int status() const { return m_status; }
    const QString& code() const { return m_code; }
    const QString& message() const { return m_message; }
    const QString& field() const { return m_field; }

    QJsonObject toJson() const;
    const char* what() const noexcept override { return "qd::api::ApiError"; }

private:
    int m_status;
    QString m_code;
    QString m_message;
    QString m_field;
};

} // namespace qd::api
