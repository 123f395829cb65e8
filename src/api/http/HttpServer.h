#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerResponder>

#include <functional>

namespace qd::api {

// Qt's HTTP/1.1 connection handling with QueueDeck's own dispatch: every parsed request goes to
// one function, which answers it (404 and 405 included), so QHttpServer's router is not used.
class HttpServer final : public QAbstractHttpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Dispatch = std::function<void(const QHttpServerRequest&, QHttpServerResponder&&)>;

    explicit HttpServer(Dispatch dispatch, QObject* parent = nullptr);
    ~HttpServer() override;

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    // Unreachable: handleRequest answers every request itself.
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Dispatch m_dispatch;
};

} // namespace qd::api
