#include "core/redis/TlsStream.h"

#include <QHostAddress>

#include <cerrno>
#include <climits>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

int socketOf(BIO* bio)
{
    return static_cast<const SocketStream*>(BIO_get_data(bio))->fd();
}

int bioWrite(BIO* bio, const char* data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t sent = ::send(socketOf(bio), data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_write(bio);
    return static_cast<int>(sent);
}

int bioRead(BIO* bio, char* data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t received = ::recv(socketOf(bio), data, static_cast<size_t>(size), 0);
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_read(bio);
    return static_cast<int>(received);
}

long bioControl(BIO*, int command, long, void*)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0; // writes go straight to the socket
}

int bioCreate(BIO* bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD* socketMethod()
{
    static BIO_METHOD* const method = [] {
        BIO_METHOD* created
            = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "queuedeck socket");
        BIO_meth_set_write(created, bioWrite);
        BIO_meth_set_read(created, bioRead);
        BIO_meth_set_ctrl(created, bioControl);
        BIO_meth_set_create(created, bioCreate);
        return created;
    }();
    return method;
}

QString handshakeFailure(SSL* ssl)
{
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
        return u"certificate verification failed: "_s
            + QString::fromUtf8(X509_verify_cert_error_string(verify));
    }
    return u"TLS handshake failed: "_s + TlsContext::takeErrors();
}

} // namespace

TlsStream::TlsStream(std::unique_ptr<SocketStream> socket, std::shared_ptr<TlsContext> context)
    : m_socket(std::move(socket))
    , m_context(std::move(context))
    , m_ssl(SSL_new(m_context->handle()))
{
}

TlsStream::~TlsStream()
{
    SSL_free(m_ssl);
}

std::unique_ptr<TlsStream> TlsStream::handshake(std::unique_ptr<SocketStream> socket,
    const ConnectionSettings& settings, const Deadline& deadline)
{
    std::unique_ptr<TlsStream> stream(
        new TlsStream(std::move(socket), TlsContext::create(settings)));
    SSL* ssl = stream->m_ssl;
    if (!ssl)
        throw settings.error(
            Kind::Tls, u"cannot create a TLS session: "_s + TlsContext::takeErrors());
    BIO* bio = BIO_new(socketMethod());
    BIO_set_data(bio, stream->m_socket.get()); // owned by the stream, outlives the SSL's BIO
    SSL_set_bio(ssl, bio, bio);

    const QString name
        = settings.tls.serverName.isEmpty() ? settings.endpoint.host : settings.tls.serverName;
    const QByteArray nameBytes = name.toUtf8();
    const bool isIp = !QHostAddress(name).isNull();
    if (!isIp)
        // SSL_set_tlsext_host_name() spelled out: the macro hides a C-style cast.
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
            const_cast<char*>(nameBytes.constData()));
    if (settings.tls.insecureSkipVerify) {
        spdlog::warn("redis: TLS certificate verification is OFF for {} (insecure_skip_verify)",
            settings.endpoint.display().toStdString());
    } else if (isIp) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), nameBytes.constData());
    } else {
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        SSL_set1_host(ssl, nameBytes.constData());
    }

    for (;;) {
        ERR_clear_error();
        errno = 0;
        const int returned = SSL_connect(ssl);
        if (returned == 1)
            return stream;
        const int error = SSL_get_error(ssl, returned);
        short events = 0;
        if (error == SSL_ERROR_WANT_READ)
            events = POLLIN;
        else if (error == SSL_ERROR_WANT_WRITE)
            events = POLLOUT;
        else if (error == SSL_ERROR_SYSCALL && errno != 0)
            throw settings.error(Kind::Io,
                u"TLS handshake failed: "_s + QString::fromLocal8Bit(std::strerror(errno)));
        else if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN)
            throw settings.error(
                Kind::Tls, u"server closed the connection during the TLS handshake"_s);
        else
            throw settings.error(Kind::Tls, handshakeFailure(ssl));
        if (SocketStream::waitFor(stream->fd(), events, deadline) == 0) {
            throw settings.error(Kind::Timeout,
                u"TLS handshake timed out after "_s + QString::number(deadline.timeout().count())
                    + u" ms"_s);
        }
    }
}

Stream::Result TlsStream::classify(int returned)
{
    const int error = SSL_get_error(m_ssl, returned);
    switch (error) {
    case SSL_ERROR_WANT_READ:
        return Result::wouldBlock(Wait::Readable);
    case SSL_ERROR_WANT_WRITE:
        return Result::wouldBlock(Wait::Writable);
    case SSL_ERROR_ZERO_RETURN:
        return Result::closed();
    case SSL_ERROR_SYSCALL:
        if (errno == 0)
            return Result::closed();
        return Result::failed(
            Kind::Io, u"TLS I/O failed: "_s + QString::fromLocal8Bit(std::strerror(errno)));
    default:
        return Result::failed(Kind::Tls, u"TLS error: "_s + TlsContext::takeErrors());
    }
}

Stream::Result TlsStream::send(const char* data, qint64 size)
{
    ERR_clear_error();
    errno = 0;
    const int returned = SSL_write(m_ssl, data, static_cast<int>(std::min<qint64>(size, INT_MAX)));
    return returned > 0 ? Result::ok(returned) : classify(returned);
}

Stream::Result TlsStream::receive(char* data, qint64 size)
{
    ERR_clear_error();
    errno = 0;
    const int returned = SSL_read(m_ssl, data, static_cast<int>(std::min<qint64>(size, INT_MAX)));
    return returned > 0 ? Result::ok(returned) : classify(returned);
}

bool TlsStream::hasBufferedInput() const
{
    return SSL_pending(m_ssl) > 0;
}

} // namespace qd::redis
