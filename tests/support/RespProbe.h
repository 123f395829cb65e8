#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace qd::test {

// A one-shot RESP exchange over a fresh QTcpSocket/QSslSocket: AUTH (optional) then PING.
// The fixture uses it to know a server is up; tests use it to prove what a plain or wrongly
// configured client gets, without going through the product's Redis layer.
class RespProbe final {
public:
    struct Options {
        bool tls = false;
        QString caCert; // PEM; the peer must be signed by it and match the host name
        QString clientCert, clientKey; // PEM; presented when both are set
        QString user, password; // AUTH [user] password first when password is set
        int timeoutMs = 2000;
    };

    // Returns the reply line to PING ("+PONG", "-NOAUTH ...") or an error reply to AUTH, or an
    // empty array with *error when no reply came (refused, handshake failed, closed, timeout).
    static QByteArray ping(
        const QString& host, quint16 port, const Options& options, QString* error = nullptr);
    // The same for any command with a non-array reply: a bulk string comes back as its payload,
    // any other reply as its line ("+OK", ":1", "-ERR ...").
    static QByteArray command(const QString& host, quint16 port, const Options& options,
        const QList<QByteArray>& args, QString* error = nullptr);
};

} // namespace qd::test
