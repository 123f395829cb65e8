#pragma once

#include "core/redis/Reply.h"

#include <QString>

struct redisReader;

namespace qd::redis {

// Turns the bytes a server sends into Reply values. hiredis's redisReader does the RESP parsing;
// each redisReply it builds is converted and freed at once, so no hiredis type escapes.
class ReplyReader final {
public:
    ReplyReader();
    ~ReplyReader();
    ReplyReader(const ReplyReader&) = delete;
    ReplyReader& operator=(const ReplyReader&) = delete;

    // Appends bytes; returns false (see error()) if the stream is not RESP.
    bool feed(const char* data, qsizetype size);
    // Takes the next complete reply; false when more bytes are needed or on a protocol error.
    bool next(Reply* reply);
    bool hasError() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }

private:
    redisReader* m_reader = nullptr;
    QString m_error;
};

} // namespace qd::redis
