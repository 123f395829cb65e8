#include "api/http/GuardedTcpServer.h"

#include "api/http/ConnectionGuard.h"

#include <QTcpSocket>

namespace qd::api {

GuardedTcpServer::GuardedTcpServer(
    qint64 maxBodyBytes, std::function<void()> onReject, QObject* parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes), m_onReject(std::move(onReject))
{
}

GuardedTcpServer::~GuardedTcpServer() = default;

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // A response leaves in a few writes; with Nagle's algorithm the last one would wait for
    // the client's delayed ACK (tens of milliseconds per request).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before the HTTP server connects its own readyRead handler, so the guard sees
    // new bytes first.
    new ConnectionGuard(socket, m_maxBodyBytes, m_onReject);
    addPendingConnection(socket);
}

} // namespace qd::api
