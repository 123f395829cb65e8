#pragma once

#include "core/redis/ConnectionSettings.h"
#include "core/redis/Deadline.h"
#include "core/redis/Stream.h"

#include <memory>

namespace qd::redis {

// A connected non-blocking POSIX socket (TCP or unix), owned. Connecting resolves the host,
// tries each address until the deadline, and sets TCP_NODELAY (pipelines are written in one go
// and must not wait for Nagle) and keep-alive (a pooled idle connection to a vanished host is
// noticed by the kernel rather than by the next poll).
class SocketStream final : public Stream {
public:
    ~SocketStream() override;

    // Throws ConnectionError: Resolve, Refused, Timeout, Io, or Config (unix path too long).
    static std::unique_ptr<SocketStream> connect(
        const ConnectionSettings& settings, const Deadline& deadline);

    // poll() on one descriptor until the deadline: the returned events, 0 on timeout.
    static short waitFor(int fd, short events, const Deadline& deadline);

    Result send(const char* data, qint64 size) override;
    Result receive(char* data, qint64 size) override;
    int fd() const override { return m_fd; }

private:
    explicit SocketStream(int fd) : m_fd(fd) { }

    int m_fd = -1;
};

} // namespace qd::redis
