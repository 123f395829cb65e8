#pragma once

#include "core/util/Severity.h"

#include <QString>

#include <stdexcept>

namespace qd::redis {

// The engine's severities (those of the API specification), shared by every error type.
using Severity = qd::Severity;

// A failure to reach or talk to a Redis server, classified so the engine can tell a degraded
// cluster (refused, timeout, cluster down: Warning) from a misconfigured one (auth, TLS, wrong
// db: Error). The message names the cluster and the endpoint's display form, never a password.
class ConnectionError final : public std::runtime_error {
public:
    enum class Kind {
        Refused, // nothing listens, or the socket file is missing
        Timeout, // connect or reply took longer than the timeout
        Tls, // handshake, certificate or verification failure
        Auth, // wrong or missing password, unknown ACL user
        WrongDb, // SELECT refused (index out of range, or cluster mode)
        ClusterDown, // the deployment answers but cannot serve (CLUSTERDOWN, LOADING, no master)
        Protocol, // the peer does not speak RESP as expected
        Resolve, // the host name does not resolve
        Io, // the connection broke (reset, closed by the server)
        Config, // the configuration cannot describe a connection
        NotMaster, // a write was refused before sending: the node is no longer the master
    };

    ConnectionError(Kind kind, QString cluster, QString endpoint, QString reason);

    Kind kind() const { return m_kind; }
    Severity severity() const { return severityOf(m_kind); }
    const QString& cluster() const { return m_cluster; }
    const QString& endpoint() const { return m_endpoint; }
    const QString& reason() const { return m_reason; }
    // "cluster "prod" (10.0.0.5:6379): connection refused"; what() holds the same in UTF-8.
    QString message() const { return QString::fromUtf8(what()); }

    static Severity severityOf(Kind kind);
    static QString kindName(Kind kind); // "refused", "timeout", "tls", "auth", "wrong_db"...

private:
    Kind m_kind;
    QString m_cluster;
    QString m_endpoint;
    QString m_reason;
};

} // namespace qd::redis
