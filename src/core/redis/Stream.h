#pragma once

#include "core/redis/ConnectionError.h"

#include <QString>

namespace qd::redis {

// A non-blocking byte stream to a server: a plain socket or TLS on top of one. Operations never
// block; when they cannot progress they say which readiness to wait for, and Connection does the
// waiting with poll() so one deadline governs reads and writes together.
class Stream {
public:
    enum class Wait { None, Readable, Writable };
    enum class Status { Ok, WouldBlock, Closed, Failed };

    struct Result {
        Status status = Status::Ok;
        qint64 bytes = 0; // transferred, when Ok
        Wait wait = Wait::None; // what to wait for, when WouldBlock
        ConnectionError::Kind failure = ConnectionError::Kind::Io; // when Failed
        QString error; // when Failed

        static Result ok(qint64 bytes) { return {Status::Ok, bytes, Wait::None, {}, {}}; }
        static Result wouldBlock(Wait wait) { return {Status::WouldBlock, 0, wait, {}, {}}; }
        static Result closed() { return {Status::Closed, 0, Wait::None, {}, {}}; }
        static Result failed(ConnectionError::Kind kind, QString error)
        {
            return {Status::Failed, 0, Wait::None, kind, std::move(error)};
        }
    };

    virtual ~Stream() = default;

    virtual Result send(const char* data, qint64 size) = 0;
    virtual Result receive(char* data, qint64 size) = 0;
    // Bytes already decrypted and waiting inside the stream, invisible to poll().
    virtual bool hasBufferedInput() const { return false; }
    virtual int fd() const = 0;

protected:
    Stream() = default;
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
};

} // namespace qd::redis
