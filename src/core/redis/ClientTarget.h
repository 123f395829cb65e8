#pragma once

#include <QString>
#include <QStringList>

namespace qd::redis {

// The shape of a deployment, which decides how a RedisClient finds the server to talk to.
enum class ClusterMode { Standalone, Cluster, Sentinel };

struct TlsConfig {
    bool enabled = false;
    QString caFile;
    QString certFile;
    QString keyFile;
    QString serverName; // SNI and the name verified; default: the endpoint's host
    bool insecureSkipVerify = false; // labs only; logged as a warning on every connect

    friend bool operator==(const TlsConfig&, const TlsConfig&) = default;
};

// Where and as whom a RedisClient connects: the part of a cluster's configuration the Redis
// layer reads. Kept here, as plain values, so the layer depends on no configuration code (the
// configuration builds one, see ClusterConfig).
struct ClientTarget {
    QString name; // the cluster named in error messages
    // Endpoint first, then seeds: host:port, [v6]:port, redis://, rediss://, unix://. Blank
    // entries are skipped.
    QStringList addresses;
    ClusterMode mode = ClusterMode::Standalone;
    QString sentinelMaster; // the master name Sentinels are asked for
    QString username; // ACL user; empty: the one in the URL, if any
    QString password; // resolved already (environment, keychain); empty: the URL's, if any
    int db = 0; // 0: the URL's, if any
    TlsConfig tls;
};

} // namespace qd::redis
