#pragma once

#include <QByteArray>
#include <QStringList>

namespace qd::test {

// Runs the redis-cli binary; the fixture's own way to talk to Redis, independent of the
// product's Redis layer so that a bug in one cannot hide a bug in the other.
class RedisCli final {
public:
    struct Result {
        int exitCode = -1; // -1 when it could not start or timed out
        QByteArray out; // trimmed stdout
        QByteArray err; // trimmed stderr
        bool ok() const { return exitCode == 0; }
    };

    // args are the full command line after `redis-cli` (connection flags included).
    static Result run(const QStringList& args, int timeoutMs = 10000);
};

} // namespace qd::test
