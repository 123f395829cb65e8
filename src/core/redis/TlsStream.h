#pragma once

#include "core/redis/ConnectionSettings.h"
#include "core/redis/Deadline.h"
#include "core/redis/SocketStream.h"
#include "core/redis/Stream.h"
#include "core/redis/TlsContext.h"

#include <memory>

struct ssl_st;

namespace qd::redis {

// TLS over a connected socket with OpenSSL (hiredis 0.14 has no TLS). The socket is driven
// through a small BIO that sends with MSG_NOSIGNAL, so a peer that vanishes mid-write gives an
// error instead of a process-killing SIGPIPE.
class TlsStream final : public Stream {
public:
    ~TlsStream() override;

    // Runs the handshake within the deadline and verifies the server's certificate chain and
    // name (serverName, else the endpoint's host; IP addresses are matched as IPs).
    // Throws ConnectionError: Tls, Timeout or Io.
    static std::unique_ptr<TlsStream> handshake(std::unique_ptr<SocketStream> socket,
        const ConnectionSettings& settings, const Deadline& deadline);

    Result send(const char* data, qint64 size) override;
    Result receive(char* data, qint64 size) override;
    bool hasBufferedInput() const override;
    int fd() const override { return m_socket->fd(); }

private:
    TlsStream(std::unique_ptr<SocketStream> socket, std::shared_ptr<TlsContext> context);
    Result classify(int returned);

    std::unique_ptr<SocketStream> m_socket;
    std::shared_ptr<TlsContext> m_context;
    ssl_st* m_ssl = nullptr;
};

} // namespace qd::redis
