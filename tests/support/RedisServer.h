#pragma once

#include "support/TlsFiles.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace qd::test {

// A port free on 127.0.0.1 right now (the OS picks it; another process may still take it).
quint16 freeLoopbackPort();

struct RedisServerOptions {
    QString password; // requirepass (default user)
    QString aclUser, aclPassword; // an extra ACL user with +@all ~* &*
    bool aclOnly = false; // disable the default user: only aclUser can log in
    bool tls = false; // TLS-only port (plain port 0); certificates generated at start in dir()
    bool tlsRequireClientCert = false; // tls-auth-clients yes
    bool unixSocket = false; // also listen on <dir>/redis.sock
    bool clusterEnabled = false; // cluster-enabled yes, bus on a second free port
    bool sentinel = false; // run as Sentinel (sentinel.conf, --sentinel); see RedisSentinelSet
    QStringList extraConfig; // raw redis.conf lines, appended last
    int startTimeoutMs = 10000; // how long start()/restart() wait for the server to answer
};

// One redis-server process owned by the test: its own temporary dir, loopback only, no
// persistence. It is stopped by the destructor and, through PR_SET_PDEATHSIG, killed by the
// kernel when the test process dies, so a crashed test leaves no server behind. Start and stop
// it from one long-lived thread (the test's main thread): the kernel ties the child to the
// thread that forked it, not to the process.
class RedisServer final {
public:
    // Starts the server and waits until it answers (INFO, authenticated when credentials are
    // set, must name this process: another test's server on a reused port does not count).
    // Retries on a new port when the port was taken. Returns null and sets *error (with the
    // tail of the server log) on failure.
    static std::unique_ptr<RedisServer> start(
        const RedisServerOptions& options = {}, QString* error = nullptr);
    // Same as the free function; here so tests find it next to the server.
    static TlsFiles generateTlsFiles(const QString& dir, QString* error = nullptr);

    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    QString host() const; // "127.0.0.1"
    quint16 port() const; // the TLS port when options().tls
    QString endpoint() const; // "127.0.0.1:<port>"
    QString unixSocketPath() const; // empty unless options().unixSocket
    QString dir() const;
    QString logFile() const;
    qint64 pid() const; // 0 when not running
    quint16 clusterBusPort() const; // 0 unless options().clusterEnabled
    TlsFiles tlsFiles() const; // empty unless options().tls
    const RedisServerOptions& options() const { return m_options; }
    QString lastError() const { return m_lastError; }
    // The last lines of the server log, for failure messages.
    QString logTail(int lines = 20) const;

    bool isRunning() const;
    // SIGTERM (after SIGCONT if frozen), wait, SIGKILL after 5 s. Safe to call twice.
    void stop();
    // Stops and starts again on the same port and dir (TLS certificates are kept).
    bool restart();
    // The same with new options (e.g. another password); false and lastError() on failure.
    bool restart(const RedisServerOptions& changed);
    // Restarts a TLS server with other certificate files: a rotated server certificate, or a
    // whole other PKI. Its readiness probe and cliConnectionArgs() use the new files.
    bool restartWithTls(const TlsFiles& files);
    // SIGSTOP / SIGCONT: the server keeps its sockets but stops answering (timeout tests).
    void freeze();
    void thaw();

    // Arguments that make redis-cli reach this server: -h/-p, TLS flags with the client
    // certificate, and credentials when withAuth (the ACL user if any, else the password).
    QStringList cliConnectionArgs(bool withAuth = true) const;
    // Runs redis-cli with cliConnectionArgs() and args; returns trimmed stdout (an error reply
    // is printed there too, e.g. "NOAUTH ..."), or stderr when stdout is empty (connection
    // failures). For test setup and asserts; RedisCli::run() gives both and the exit code.
    QByteArray cli(const QStringList& args, int timeoutMs = 10000) const;

private:
    RedisServer();
    bool launch(); // on m_port (and m_busPort) with m_options
    bool writeConfig();
    bool waitUntilReady();
    QString configPath() const;

    RedisServerOptions m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    TlsFiles m_tls;
    quint16 m_port = 0;
    quint16 m_busPort = 0;
    qint64 m_pid = 0;
    bool m_frozen = false;
    bool m_addressInUse = false; // the last launch lost the port race
    QString m_lastError;
};

} // namespace qd::test
