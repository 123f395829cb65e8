#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace qd::api {

// Tuning of an ApiServer that is not in the config file (tests shorten the waits).
struct ApiServerOptions {
    // Where a generated token is kept; empty: the application data folder.
    QString dataDirectory;
    // SSE comment heartbeat.
    std::chrono::milliseconds heartbeat {15000};
    // How long POST /actions and /confirm hold the request for the action to end.
    std::chrono::milliseconds actionWait {10000};
    // Unsent bytes an SSE client may accumulate before it is dropped.
    qint64 sseMaxPendingBytes = 256 * 1024;
    // Tokens that identify a reader, added to the config's api.read_tokens: accepted wherever
    // no token is needed, refused with 403 insufficient_scope on every change (see TokenAuth).
    QStringList readTokens;
};

} // namespace qd::api
