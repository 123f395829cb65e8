#include "api/http/ConnectionGuard.h"

#include "api/ApiError.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

namespace qd::api {

ConnectionGuard::ConnectionGuard(
    QTcpSocket* socket, qint64 maxBodyBytes, std::function<void()> onReject)
    : QObject(socket)
    , m_socket(socket)
    , m_limit(maxBodyBytes + kHeaderAllowance)
    , m_onReject(std::move(onReject))
{
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
}

ConnectionGuard::~ConnectionGuard() = default;

void ConnectionGuard::onReadyRead()
{
    // The HTTP parser reads every byte inside a transaction and commits when a request is
    // complete: no transaction means these bytes begin a new request.
    if (!m_socket->isTransactionStarted())
        m_requestBytes = 0;
    m_requestBytes += m_socket->bytesAvailable();
    if (m_requestBytes > m_limit)
        reject();
}

void ConnectionGuard::reject()
{
    // Nobody else may parse this connection any more (disconnecting during the emission is
    // safe: Qt skips the removed slots).
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_onReject)
        m_onReject();
    const QByteArray body
        = QJsonDocument(ApiError::payloadTooLarge(m_limit - kHeaderAllowance).toJson())
              .toJson(QJsonDocument::Compact);
    m_socket->write(QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Connection: close\r\n"
                                      "Content-Length: ")
        + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
    QTcpSocket* socket = m_socket;
    // Inside the parser's transaction read bytes stay buffered; end it so draining frees them.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    QTimer::singleShot(kDrainMs, socket, [socket] { socket->abort(); });
}

} // namespace qd::api
