#include "core/redis/SocketStream.h"

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Probes after 60 s idle, every 10 s, 3 times: a dead peer of an idle pooled connection is
// detected in about 90 s instead of the kernel default of two hours.
void tuneTcp(int fd)
{
    const int on = 1;
    const int idle = 60;
    const int interval = 10;
    const int count = 3;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

Kind kindOfConnectErrno(int error)
{
    switch (error) {
    case ECONNREFUSED:
    case ENOENT: // unix socket file missing: nothing listens there
        return Kind::Refused;
    case ETIMEDOUT:
        return Kind::Timeout;
    default:
        return Kind::Io;
    }
}

// Connects fd to address, waiting up to the deadline; returns 0 or an errno value.
int connectWithin(int fd, const sockaddr* address, socklen_t length, const Deadline& deadline)
{
    if (::connect(fd, address, length) == 0)
        return 0;
    if (errno != EINPROGRESS)
        return errno;
    const short events = SocketStream::waitFor(fd, POLLOUT, deadline);
    if (events == 0)
        return ETIMEDOUT;
    int error = 0;
    socklen_t size = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0)
        return errno;
    return error;
}

} // namespace

SocketStream::~SocketStream()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

short SocketStream::waitFor(int fd, short events, const Deadline& deadline)
{
    pollfd entry {fd, events, 0};
    for (;;) {
        const int ready = ::poll(&entry, 1, deadline.remainingMs());
        if (ready > 0)
            return entry.revents;
        if (ready == 0 || errno != EINTR)
            return ready == 0 ? 0 : POLLERR;
        if (deadline.expired())
            return 0;
    }
}

std::unique_ptr<SocketStream> SocketStream::connect(
    const ConnectionSettings& settings, const Deadline& deadline)
{
    const Endpoint& endpoint = settings.endpoint;
    const QString timedOut
        = u"connect timed out after "_s + QString::number(deadline.timeout().count()) + u" ms"_s;

    if (endpoint.isUnix()) {
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray path = endpoint.unixPath.toLocal8Bit();
        if (path.size() >= qsizetype(sizeof address.sun_path))
            throw settings.error(Kind::Config, u"unix socket path is too long"_s);
        std::memcpy(address.sun_path, path.constData(), static_cast<size_t>(path.size()));
        std::unique_ptr<SocketStream> stream(
            new SocketStream(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)));
        if (stream->m_fd < 0)
            throw settings.error(Kind::Io, u"cannot create a socket: "_s + errnoText(errno));
        const int error = connectWithin(
            stream->m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address, deadline);
        if (error == ETIMEDOUT)
            throw settings.error(Kind::Timeout, timedOut);
        if (error != 0)
            throw settings.error(
                kindOfConnectErrno(error), u"connect failed: "_s + errnoText(error));
        return stream;
    }

    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* addresses = nullptr;
    const QByteArray host = endpoint.host.toUtf8();
    const QByteArray port = QByteArray::number(endpoint.port);
    // getaddrinfo cannot be given a timeout; it runs on a worker thread, never the GUI's.
    const int resolved = getaddrinfo(host.constData(), port.constData(), &hints, &addresses);
    if (resolved != 0) {
        throw settings.error(Kind::Resolve,
            u"cannot resolve \""_s + endpoint.host + u"\": "_s
                + QString::fromLocal8Bit(gai_strerror(resolved)));
    }
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(addresses, &freeaddrinfo);

    int lastError = ECONNREFUSED;
    for (const addrinfo* candidate = addresses; candidate; candidate = candidate->ai_next) {
        const int fd = ::socket(candidate->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
            candidate->ai_protocol);
        if (fd < 0) {
            lastError = errno;
            continue;
        }
        std::unique_ptr<SocketStream> stream(new SocketStream(fd));
        lastError = connectWithin(fd, candidate->ai_addr, candidate->ai_addrlen, deadline);
        if (lastError == 0) {
            tuneTcp(fd);
            return stream;
        }
        if (lastError == ETIMEDOUT)
            break;
    }
    if (lastError == ETIMEDOUT)
        throw settings.error(Kind::Timeout, timedOut);
    throw settings.error(
        kindOfConnectErrno(lastError), u"connect failed: "_s + errnoText(lastError));
}

Stream::Result SocketStream::send(const char* data, qint64 size)
{
    for (;;) {
        const ssize_t sent = ::send(m_fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
        if (sent >= 0)
            return Result::ok(sent);
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return Result::wouldBlock(Wait::Writable);
        return Result::failed(Kind::Io, u"write failed: "_s + errnoText(errno));
    }
}

Stream::Result SocketStream::receive(char* data, qint64 size)
{
    for (;;) {
        const ssize_t received = ::recv(m_fd, data, static_cast<size_t>(size), 0);
        if (received > 0)
            return Result::ok(received);
        if (received == 0)
            return Result::closed();
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return Result::wouldBlock(Wait::Readable);
        return Result::failed(Kind::Io, u"read failed: "_s + errnoText(errno));
    }
}

} // namespace qd::redis
