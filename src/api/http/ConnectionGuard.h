#pragma once

#include <QObject>

#include <functional>

class QTcpSocket;

namespace qd::api {

// Watches one connection's incoming bytes (see GuardedTcpServer). A request whose bytes exceed
// the body limit plus room for headers gets a 413 with the API's error shape; the rest of the
// upload is read and dropped for a short while so the client sees the answer instead of a
// reset, then the connection is closed.
class ConnectionGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

public:
    // Headers and request line get this much on top of the body limit.
    static constexpr qint64 kHeaderAllowance = 64 * 1024;
    // How long a rejected upload is drained before the connection is cut.
    static constexpr int kDrainMs = 3000;

    ConnectionGuard(QTcpSocket* socket, qint64 maxBodyBytes, std::function<void()> onReject);
    ~ConnectionGuard() override;

private:
    void onReadyRead();
    void reject();

    QTcpSocket* m_socket;
    qint64 m_limit;
    qint64 m_requestBytes = 0;
    std::function<void()> m_onReject;
};

} // namespace qd::api
