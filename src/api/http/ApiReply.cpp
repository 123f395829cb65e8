#include "api/http/ApiReply.h"

#include "api/ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QByteArray toBytes(const QJsonValue& value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace

ApiReply::ApiReply(const QHttpServerResponder& responder, Observer observer, bool headOnly)
    : m_socket(responder.socket()), m_observer(std::move(observer)), m_headOnly(headOnly)
{
}

ApiReply::ApiReply(ApiReply&& other) noexcept
    : m_socket(std::move(other.m_socket))
    , m_observer(std::move(other.m_observer))
    , m_headOnly(other.m_headOnly)
    , m_sent(other.m_sent)
{
    other.m_sent = true;
}

ApiReply::~ApiReply() = default;

bool ApiReply::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QByteArray ApiReply::head(int status, const HttpHeaders& headers)
{
    QByteArray bytes = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' '
        + reason(status) + QByteArrayLiteral("\r\n");
    for (const auto& [name, value] : headers)
        bytes += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    return bytes;
}

void ApiReply::finish(int status)
{
    m_sent = true;
    if (m_observer)
        m_observer(status);
}

void ApiReply::sendBytes(
    int status, const QByteArray& contentType, const QByteArray& body, const HttpHeaders& headers)
{
    if (!isPending())
        return;
    if (isConnected()) {
        QByteArray bytes = head(status, headers);
        if (!contentType.isEmpty())
            bytes += QByteArrayLiteral("Content-Type: ") + contentType + QByteArrayLiteral("\r\n");
        bytes += QByteArrayLiteral("Content-Length: ") + QByteArray::number(body.size())
            + QByteArrayLiteral("\r\n\r\n");
        // A HEAD request gets the length of a body it must not receive.
        if (!m_headOnly)
            bytes += body;
        write(bytes);
    }
    finish(status);
}

void ApiReply::sendJson(int status, const QJsonValue& body, const HttpHeaders& headers)
{
    sendBytes(status, QByteArrayLiteral("application/json"), toBytes(body), headers);
}

void ApiReply::sendError(const ApiError& error, const HttpHeaders& headers)
{
    sendJson(error.status(), error.toJson(), headers);
}

void ApiReply::sendNoContent()
{
    if (!isPending())
        return;
    if (isConnected())
        write(head(204, {}) + QByteArrayLiteral("\r\n"));
    finish(204);
}

void ApiReply::beginStream(int status, const HttpHeaders& headers)
{
    if (!isPending())
        return;
    if (isConnected())
        write(head(status, headers) + QByteArrayLiteral("\r\n"));
    finish(status);
}

void ApiReply::writeStream(const QByteArray& bytes)
{
    if (isConnected())
        write(bytes);
}

void ApiReply::write(const QByteArray& bytes)
{
    qsizetype sent = 0;
#ifdef Q_OS_UNIX
    // Straight to the kernel when nothing is queued before these bytes. QTcpSocket::write()
    // queues and turns the socket's write notifier on, and flushing turns it off again; with
    // the GLib event loop each turn wakes the loop and rebuilds its poll set, which cost a
    // third of the request rate. Only what the kernel does not take goes through Qt.
    if (m_socket->bytesToWrite() == 0) {
        const ssize_t n = ::send(static_cast<int>(m_socket->socketDescriptor()), bytes.constData(),
            static_cast<size_t>(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        sent = n > 0 ? n : 0;
    }
#endif
    if (sent < bytes.size()) {
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
        m_socket->flush();
    }
}

} // namespace qd::api
