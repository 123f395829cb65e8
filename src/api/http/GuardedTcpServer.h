#pragma once

#include <QTcpServer>

#include <functional>

namespace qd::api {

// The listening socket of the API. Each accepted connection gets a guard that counts the bytes
// of the request being received and answers 413 as soon as they exceed the body limit: Qt's
// HTTP server buffers a whole request before anyone sees it, so without the guard a client
// could make the process hold any amount of memory.
class GuardedTcpServer final : public QTcpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    GuardedTcpServer(
        qint64 maxBodyBytes, std::function<void()> onReject, QObject* parent = nullptr);
    ~GuardedTcpServer() override;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodyBytes;
    std::function<void()> m_onReject;
};

} // namespace qd::api
