#include "core/redis/Connection.h"

#include "core/redis/RedisTracing.h"
#include "core/redis/SocketStream.h"
#include "core/redis/TlsStream.h"

#include <memory>
#include <poll.h>
#include <spdlog/spdlog.h>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

constexpr qsizetype kReadChunk = qsizetype(16) * 1024;

// Where a socket read lands before the reply parser copies it. One per thread, not one per
// connection: a connection is read by one thread at a time and holds nothing here between
// reads, and 2000 idle pooled connections with 64 KiB each were 128 MiB of a fleet server's
// memory (docs/benchmarks.md). 16 KiB: a poll's replies take one or two reads, and a fleet
// server's 250 pool threads hold 4 MB, not 16.
char* readScratch()
{
    thread_local std::unique_ptr<char[]> scratch(new char[kReadChunk]);
    return scratch.get();
}

// Large pipelines are handed to the kernel in slices so a TLS record never needs a huge copy.
constexpr qint64 kWriteChunk = qint64(256) * 1024;

short pollEvents(Stream::Wait wait)
{
    return wait == Stream::Wait::Writable ? POLLOUT : POLLIN;
}

bool ready(Stream::Wait wait, short revents)
{
    if (revents & (POLLERR | POLLHUP | POLLNVAL))
        return true; // the next operation reports what happened
    return (revents & pollEvents(wait)) != 0;
}

} // namespace

Connection::Connection(ConnectionSettings settings, std::unique_ptr<Stream> stream)
    : m_settings(std::move(settings)), m_stream(std::move(stream))
{
}

Connection::~Connection() = default;

std::unique_ptr<Connection> Connection::open(const ConnectionSettings& settings)
{
    const Deadline deadline(settings.connectTimeout);
    std::unique_ptr<SocketStream> socket = SocketStream::connect(settings, deadline);
    std::unique_ptr<Stream> stream;
    if (settings.endpoint.isTls())
        stream = TlsStream::handshake(std::move(socket), settings, deadline);
    else
        stream = std::move(socket);
    std::unique_ptr<Connection> connection(new Connection(settings, std::move(stream)));
    connection->handshake(deadline);
    return connection;
}

void Connection::handshake(const Deadline& deadline)
{
    enum class Step { Auth, Select, SetName };
    QList<Step> steps;
    Pipeline pipeline;
    if (!m_settings.password.isEmpty()) {
        Command auth {QByteArrayLiteral("AUTH")};
        if (!m_settings.username.isEmpty())
            auth.arg(QStringView(m_settings.username));
        pipeline.add(auth.arg(QStringView(m_settings.password)));
        steps.append(Step::Auth);
    }
    if (m_settings.db != 0) {
        pipeline.add(Command {QByteArrayLiteral("SELECT")}.arg(qint64(m_settings.db)));
        steps.append(Step::Select);
    }
    if (!m_settings.clientName.isEmpty()) {
        pipeline.add(
            {QByteArrayLiteral("CLIENT"), QByteArrayLiteral("SETNAME"), m_settings.clientName});
        steps.append(Step::SetName);
    }
    if (pipeline.isEmpty())
        return;

    QList<Reply> replies;
    try {
        replies = exchange(pipeline.encoded(), pipeline.size(), deadline, nullptr);
    } catch (const ConnectionError& error) {
        // A TLS 1.3 server checks the client certificate after the handshake has completed on
        // our side; when it refuses, its alert may be lost to the reset that follows.
        if (error.kind() != Kind::Io || !m_settings.endpoint.isTls())
            throw;
        throw m_settings.error(Kind::Tls,
            error.reason() + u" right after the TLS handshake (the server "_s
                + (m_settings.tls.certFile.isEmpty() ? u"may require a client certificate)"_s
                                                     : u"may reject the client certificate)"_s));
    }
    for (qsizetype i = 0; i < replies.size(); ++i) {
        const Reply& reply = replies.at(i);
        if (!reply.isError())
            continue;
        const QString text = reply.toString();
        if (reply.isErrorCode("NOAUTH")) {
            fail(Kind::Auth,
                m_settings.password.isEmpty()
                    ? u"the server requires a password and none is configured ("_s + text + u')'
                    : u"authentication failed ("_s + text + u')');
        }
        if (reply.isErrorCode("LOADING") || reply.isErrorCode("MASTERDOWN"))
            fail(Kind::ClusterDown, u"server cannot serve yet ("_s + text + u')');
        switch (steps.at(i)) {
        case Step::Auth:
            // Redis answers this when a password is configured here but not on the server: the
            // connection works, so warn instead of refusing to monitor.
            if (text.contains(u"without any password configured"_s)) {
                spdlog::warn("redis: {} needs no password but one is configured",
                    m_settings.endpoint.display().toStdString());
                break;
            }
            fail(Kind::Auth, u"authentication failed ("_s + text + u')');
        case Step::Select:
            fail(Kind::WrongDb,
                u"cannot select database "_s + QString::number(m_settings.db) + u" ("_s + text
                    + u')');
        case Step::SetName:
            // A restricted ACL user may lack CLIENT; the name is a courtesy to operators.
            spdlog::debug("redis: CLIENT SETNAME refused by {}: {}",
                m_settings.endpoint.display().toStdString(), text.toStdString());
            break;
        }
    }
}

Reply Connection::command(const Command& command, CallStats* stats)
{
    return pipeline(Pipeline().add(command), stats).constFirst();
}

QList<Reply> Connection::pipeline(const Pipeline& pipeline, CallStats* stats)
{
    if (pipeline.isEmpty())
        return {};
    return telemetry::traceRedis(m_settings, pipeline, [&] {
        QList<Reply> replies = exchange(
            pipeline.encoded(), pipeline.size(), Deadline(m_settings.commandTimeout), stats);
        if (!pipeline.scriptCalls().isEmpty())
            loadMissingScripts(pipeline, replies, stats);
        return replies;
    });
}

void Connection::loadMissingScripts(const Pipeline& sent, QList<Reply>& replies, CallStats* stats)
{
    Pipeline again;
    QList<qsizetype> positions;
    for (const Pipeline::ScriptCall& call : sent.scriptCalls()) {
        if (call.index < replies.size() && replies.at(call.index).isErrorCode("NOSCRIPT")) {
            again.add(call.command.withScriptText());
            positions.append(call.index);
        }
    }
    if (again.isEmpty())
        return;
    QList<Reply> evaluated
        = exchange(again.encoded(), again.size(), Deadline(m_settings.commandTimeout), stats);
    for (qsizetype i = 0; i < positions.size(); ++i)
        replies[positions.at(i)] = std::move(evaluated[i]);
}

QList<Reply> Connection::exchange(
    const QByteArray& request, qsizetype expected, const Deadline& deadline, CallStats* stats)
{
    if (m_broken)
        fail(Kind::Io, u"connection is broken"_s);
    QList<Reply> replies;
    replies.reserve(expected);
    qint64 sent = 0;
    qint64 received = 0;
    bool canWrite = true;
    bool canRead = m_stream->hasBufferedInput();
    Stream::Wait writeWait = Stream::Wait::Writable;
    Stream::Wait readWait = Stream::Wait::Readable;
    const qint64 total = request.size();

    while (replies.size() < expected) {
        if (sent < total && canWrite) {
            const Stream::Result result
                = m_stream->send(request.constData() + sent, std::min(total - sent, kWriteChunk));
            if (result.status == Stream::Status::Ok) {
                sent += result.bytes;
            } else if (result.status == Stream::Status::WouldBlock) {
                canWrite = false;
                writeWait = result.wait;
            } else {
                fail(result.status == Stream::Status::Closed ? Kind::Io : result.failure,
                    result.status == Stream::Status::Closed ? u"server closed the connection"_s
                                                            : result.error);
            }
        }
        if (canRead) {
            char* const buffer = readScratch();
            const Stream::Result result = m_stream->receive(buffer, kReadChunk);
            if (result.status == Stream::Status::Ok) {
                received += result.bytes;
                if (!m_reader.feed(buffer, result.bytes))
                    fail(Kind::Protocol, u"invalid reply: "_s + m_reader.error());
                Reply reply;
                while (replies.size() < expected && m_reader.next(&reply))
                    replies.append(std::move(reply));
                if (m_reader.hasError())
                    fail(Kind::Protocol, u"invalid reply: "_s + m_reader.error());
                // A short read drained the socket: wait for more rather than read EAGAIN.
                canRead = result.bytes == kReadChunk || m_stream->hasBufferedInput();
            } else if (result.status == Stream::Status::WouldBlock) {
                canRead = false;
                readWait = result.wait;
            } else if (result.status == Stream::Status::Closed) {
                fail(Kind::Io, u"server closed the connection"_s);
            } else {
                fail(result.failure, result.error);
            }
            continue;
        }
        if (replies.size() >= expected || (sent < total && canWrite))
            continue;
        short events = pollEvents(readWait);
        if (sent < total)
            events = static_cast<short>(events | pollEvents(writeWait));
        const short revents = SocketStream::waitFor(m_stream->fd(), events, deadline);
        if (revents == 0) {
            fail(Kind::Timeout,
                u"no reply within "_s + QString::number(deadline.timeout().count()) + u" ms"_s);
        }
        canRead = ready(readWait, revents);
        canWrite = sent < total && ready(writeWait, revents);
    }
    m_reader.releaseBuffer();
    if (stats) {
        stats->roundTrips += 1;
        stats->commands += expected;
        stats->bytesSent += total;
        stats->bytesReceived += received;
    }
    return replies;
}

std::optional<Reply> Connection::receive(Millis wait)
{
    if (m_broken)
        fail(Kind::Io, u"connection is broken"_s);
    const Deadline deadline(wait);
    Reply reply;
    for (;;) {
        if (m_reader.next(&reply))
            return reply;
        if (m_reader.hasError())
            fail(Kind::Protocol, u"invalid reply: "_s + m_reader.error());
        char* const buffer = readScratch();
        const Stream::Result result = m_stream->receive(buffer, kReadChunk);
        if (result.status == Stream::Status::Ok) {
            if (!m_reader.feed(buffer, result.bytes))
                fail(Kind::Protocol, u"invalid reply: "_s + m_reader.error());
        } else if (result.status == Stream::Status::WouldBlock) {
            if (SocketStream::waitFor(m_stream->fd(), pollEvents(result.wait), deadline) == 0)
                return std::nullopt;
        } else if (result.status == Stream::Status::Closed) {
            fail(Kind::Io, u"server closed the connection"_s);
        } else {
            fail(result.failure, result.error);
        }
    }
}

bool Connection::isIdleHealthy() const
{
    if (m_broken || m_stream->hasBufferedInput())
        return false;
    pollfd entry {m_stream->fd(), POLLIN, 0};
    return ::poll(&entry, 1, 0) == 0;
}

void Connection::fail(ConnectionError::Kind kind, const QString& reason)
{
    m_broken = true;
    throw m_settings.error(kind, reason);
}

} // namespace qd::redis
