#pragma once

#include "core/redis/Reply.h"

#include <QString>

#include <cstddef>

struct redisReader;
struct redisReadTask;

namespace qd::redis {

// Turns the bytes a server sends into Reply values. hiredis's redisReader does the RESP parsing
// and calls back here for each value, which is built as a Reply in place (an array's elements
// inside their parent), so no hiredis type escapes and nothing is converted twice.
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
    // Frees the parse buffer when nothing is left in it (no partial reply): a connection
    // between polls then holds no buffer. 2000 pooled connections kept ~9 KB each (a poll's
    // replies), 18 MB of a fleet server; one allocation per exchange is far cheaper.
    void releaseBuffer();
    const QString& error() const { return m_error; }

private:
    // hiredis's redisReplyObjectFunctions. Each returns where the value lives: a new top-level
    // Reply, or the slot in its parent array, which was sized when the array was created.
    static void* createString(const redisReadTask* task, char* data, size_t size);
    static void* createArray(const redisReadTask* task, int elements);
    static void* createInteger(const redisReadTask* task, long long value);
    static void* createNil(const redisReadTask* task);
    static void freeObject(void* reply);
    static Reply* place(const redisReadTask* task, Reply&& value);

    redisReader* m_reader = nullptr;
    QString m_error;
};

} // namespace qd::redis
