#pragma once

#include "core/redis/CallStats.h"
#include "core/redis/Command.h"
#include "core/redis/ConnectionSettings.h"
#include "core/redis/Deadline.h"
#include "core/redis/Pipeline.h"
#include "core/redis/Reply.h"
#include "core/redis/ReplyReader.h"
#include "core/redis/Stream.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

namespace qd::redis {

// One blocking connection to one server, for worker threads only. It owns its socket (TCP,
// unix or TLS) and parses replies with hiredis's reader. Any I/O failure or timeout throws
// ConnectionError and leaves the connection broken, because after a half-read reply the stream
// can no longer be trusted; error replies are ordinary values and leave it usable.
class Connection final {
public:
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Connects, runs the TLS handshake if the endpoint asks for it, then AUTH, SELECT and
    // CLIENT SETNAME as one pipeline, all within settings.connectTimeout.
    static std::unique_ptr<Connection> open(const ConnectionSettings& settings);

    Reply command(const Command& command, CallStats* stats = nullptr);
    // Writes every command (as much per write as the kernel takes) and reads the replies while
    // writing, so a large pipeline cannot deadlock against a server blocked on its own output.
    QList<Reply> pipeline(const Pipeline& pipeline, CallStats* stats = nullptr);

    // A subscribed connection's next message: waits at most `wait` for it, nullopt when none
    // came (the connection stays usable: a partly read message is kept for the next call).
    std::optional<Reply> receive(Millis wait);

    bool isBroken() const { return m_broken; }
    void markBroken() { m_broken = true; }
    // For pooled idle connections: false if the server closed it or sent something unasked.
    bool isIdleHealthy() const;

    const ConnectionSettings& settings() const { return m_settings; }

private:
    Connection(ConnectionSettings settings, std::unique_ptr<Stream> stream);

    void handshake(const Deadline& deadline);
    QList<Reply> exchange(
        const QByteArray& request, qsizetype expected, const Deadline& deadline, CallStats* stats);
    // Sends again, as EVAL, the script calls of `sent` the server answered NOSCRIPT to, and
    // puts their replies in place.
    void loadMissingScripts(const Pipeline& sent, QList<Reply>& replies, CallStats* stats);
    [[noreturn]] void fail(ConnectionError::Kind kind, const QString& reason);

    ConnectionSettings m_settings;
    std::unique_ptr<Stream> m_stream;
    ReplyReader m_reader;
    bool m_broken = false;
};

} // namespace qd::redis
