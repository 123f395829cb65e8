#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace qd::redis {

// Where one Redis server (or Sentinel) listens, as written in the config: a host:port pair, a
// redis:// or rediss:// URL, or a unix:// socket path. Credentials and a database number may
// ride along in a URL; display() shows everything except the password.
struct Endpoint {
    enum class Transport { Tcp, Tls, Unix };

    static constexpr quint16 kDefaultPort = 6379;

    Transport transport = Transport::Tcp;
    QString host; // a name or an IP address; IPv6 without brackets
    quint16 port = kDefaultPort;
    QString unixPath;
    QString username;
    QString password; // never shown by display()
    std::optional<int> db;

    // Accepts "host", "host:port", "[ipv6]:port", "redis://[user[:pass]@]host[:port][/db]",
    // "rediss://..." (TLS) and "unix://[user[:pass]@]/path/redis.sock[?db=N]". On failure
    // returns nullopt and writes the reason (no field name; the caller adds that) to *error.
    static std::optional<Endpoint> parse(QStringView text, QString* error = nullptr);

    static Endpoint tcp(QString host, quint16 port);

    bool isUnix() const { return transport == Transport::Unix; }
    bool isTls() const { return transport == Transport::Tls; }

    // "host:port" (IPv6 in brackets) or the socket path: the identity of the server, used as the
    // key of connection pools and in Redis Cluster's node addresses.
    QString address() const;

    // What logs and error messages show: a form parse() reads back, without the password.
    QString display() const;

    friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

} // namespace qd::redis
