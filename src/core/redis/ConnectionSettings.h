#pragma once

#include "core/redis/ClientTarget.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/Endpoint.h"
#include "core/util/Duration.h"

#include <QByteArray>
#include <QString>

namespace qd::redis {

// Everything needed to open one connection: where, as whom, which database, TLS material, and
// how long to wait. Also the context of every error the connection raises.
struct ConnectionSettings {
    Endpoint endpoint; // its transport decides plain TCP, TLS or a unix socket
    QString username; // ACL user; empty: the default user
    QString password; // empty: no AUTH
    int db = 0;
    TlsConfig tls; // used when endpoint.transport is Tls
    Millis connectTimeout {3000}; // TCP connect + TLS handshake + AUTH/SELECT round trip
    Millis commandTimeout {3000}; // one command or one whole pipeline
    QString clusterName; // named in error messages
    QByteArray clientName = QByteArrayLiteral("queuedeck"); // CLIENT SETNAME; empty: none

    // The same credentials and limits for another server (a cluster node, a Sentinel's master).
    ConnectionSettings withEndpoint(Endpoint other) const;

    // An error naming this cluster and endpoint. The password is scrubbed from the reason in
    // case a server or library ever echoes it back.
    ConnectionError error(ConnectionError::Kind kind, QString reason) const;
};

} // namespace qd::redis
