#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <utility>

namespace qd::api {

class ApiError;

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// The answer to one request, sent once. Handlers answer at once, or move the reply into an
// object that answers later (a waiting action, an SSE stream); a reply whose client has gone
// writes nothing, because Qt deletes the socket of a closed connection. The status line,
// headers and body leave in one write (see write()); QHttpServerResponder is only used for its
// socket, because it writes every piece separately.
class ApiReply final {
public:
    // Called once with the status when the answer goes out (request metrics, access log).
    using Observer = std::function<void(int status)>;

    // headOnly: the request was HEAD; headers go out, the body does not.
    ApiReply(const QHttpServerResponder& responder, Observer observer, bool headOnly = false);
    ApiReply(ApiReply&& other) noexcept;
    ApiReply& operator=(ApiReply&&) = delete;
    ApiReply(const ApiReply&) = delete;
    ApiReply& operator=(const ApiReply&) = delete;
    ~ApiReply();

    // Not answered yet (and not moved from).
    bool isPending() const { return !m_sent; }
    // The client is still connected.
    bool isConnected() const;
    QTcpSocket* socket() const { return m_socket; }

    void sendJson(int status, const QJsonValue& body, const HttpHeaders& headers = {});
    void sendBytes(int status, const QByteArray& contentType, const QByteArray& body,
        const HttpHeaders& headers = {});
    void sendError(const ApiError& error, const HttpHeaders& headers = {});
    void sendNoContent();

    // Starts a response without a length (server-sent events): status line and headers now,
    // the body by writeStream() until the connection ends. Counts as the answer.
    void beginStream(int status, const HttpHeaders& headers);
    void writeStream(const QByteArray& bytes);

private:
    static QByteArray head(int status, const HttpHeaders& headers);
    void write(const QByteArray& bytes);
    void finish(int status);

    QPointer<QTcpSocket> m_socket;
    Observer m_observer;
    bool m_headOnly = false;
    bool m_sent = false;
};

} // namespace qd::api
