#pragma once

#include "core/redis/Command.h"

#include <QByteArray>

namespace qd::redis {

// A Lua script a reader runs on every poll. Its calls go out as EVALSHA <sha1>: 40 bytes
// instead of the script's text (RQ's poll script is 2 KB, sent to every cluster every few
// seconds). A connection that gets NOSCRIPT back (the first call after a restart, a failover
// or a SCRIPT FLUSH) sends that call once more as EVAL, which also puts the script in the
// server's cache for the next ones (Connection::pipeline). The EVAL then runs after the rest
// of its pipeline, so script calls are for reads whose order with the other commands does not
// matter, and never inside MULTI.
//
// A Command keeps a pointer to its Script: scripts are static, built once per program.
class Script final {
public:
    explicit Script(QByteArray body);
    Script(const Script&) = delete;
    Script& operator=(const Script&) = delete;

    const QByteArray& body() const { return m_body; }
    const QByteArray& sha1() const { return m_sha1; } // lower-case hex, as Redis reports it

    // EVALSHA <sha1> <numkeys>; the keys and arguments follow with Command::arg().
    Command call(qint64 numkeys) const;

private:
    QByteArray m_body;
    QByteArray m_sha1;
};

} // namespace qd::redis
