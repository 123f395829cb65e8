#include "support/RedisServer.h"

#include "support/ChildProcess.h"
#include "support/RedisCli.h"
#include "support/RespProbe.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>

using namespace Qt::StringLiterals;

namespace qd::test {
namespace {

constexpr int StopTimeoutMs = 5000;
constexpr int PortAttempts = 5;

// redis.conf string syntax, so passwords and paths with spaces or quotes survive.
QString quoted(const QString& value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("freeLoopbackPort: cannot bind 127.0.0.1: %s", qPrintable(probe.errorString()));
    return probe.serverPort();
}

RedisServer::RedisServer() = default;

RedisServer::~RedisServer()
{
    stop();
}

TlsFiles RedisServer::generateTlsFiles(const QString& dir, QString* error)
{
    return qd::test::generateTlsFiles(dir, error);
}

std::unique_ptr<RedisServer> RedisServer::start(const RedisServerOptions& options, QString* error)
{
    std::unique_ptr<RedisServer> server(new RedisServer);
    server->m_options = options;
    const auto failed = [&](const QString& message) {
        if (error)
            *error = message;
        return nullptr;
    };
    // A short prefix keeps <dir>/redis.sock under the 107-byte limit of a unix socket path.
    server->m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/qd-redis-XXXXXX"_s);
    if (!server->m_dir->isValid())
        return failed(u"cannot create a temporary dir: "_s + server->m_dir->errorString());
    // Post-mortem aid: QD_KEEP_REDIS_DIRS=1 keeps configs and logs of every server.
    server->m_dir->setAutoRemove(!qEnvironmentVariableIsSet("QD_KEEP_REDIS_DIRS"));
    if (options.tls) {
        QString tlsError;
        server->m_tls = qd::test::generateTlsFiles(server->dir() + u"/tls"_s, &tlsError);
        if (server->m_tls.isEmpty())
            return failed(tlsError);
    }
    // freeLoopbackPort() closes its probe before redis binds, so another process can win the
    // port in between: then pick another one.
    for (int attempt = 0; attempt < PortAttempts; ++attempt) {
        server->m_port = freeLoopbackPort();
        server->m_busPort = 0;
        while (options.clusterEnabled
            && (server->m_busPort == 0 || server->m_busPort == server->m_port))
            server->m_busPort = freeLoopbackPort();
        if (server->launch())
            return server;
        if (!server->m_addressInUse)
            break;
    }
    return failed(server->m_lastError);
}

QString RedisServer::host() const
{
    return u"127.0.0.1"_s;
}

quint16 RedisServer::port() const
{
    return m_port;
}

QString RedisServer::endpoint() const
{
    return host() + u':' + QString::number(m_port);
}

QString RedisServer::unixSocketPath() const
{
    return m_options.unixSocket ? QDir(dir()).filePath(u"redis.sock"_s) : QString();
}

QString RedisServer::dir() const
{
    return m_dir ? m_dir->path() : QString();
}

QString RedisServer::logFile() const
{
    return QDir(dir()).filePath(u"redis.log"_s);
}

qint64 RedisServer::pid() const
{
    return m_process ? m_pid : 0;
}

quint16 RedisServer::clusterBusPort() const
{
    return m_busPort;
}

TlsFiles RedisServer::tlsFiles() const
{
    // Kept across a restart without TLS, so turning TLS back on reuses the same CA.
    return m_options.tls ? m_tls : TlsFiles {};
}

QString RedisServer::logTail(int lines) const
{
    QFile file(logFile());
    if (!file.open(QIODevice::ReadOnly))
        return u"(no log file %1)"_s.arg(logFile());
    QList<QByteArray> all = file.readAll().trimmed().split('\n');
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return QString::fromUtf8(all.join('\n'));
}

bool RedisServer::isRunning() const
{
    // Asks the kernel rather than QProcess, whose state only changes when events are processed.
    return m_process && !ChildProcess::isGone(m_pid);
}

void RedisServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        if (m_frozen)
            ::kill(static_cast<pid_t>(m_pid), SIGCONT); // a stopped process ignores SIGTERM
        m_process->terminate();
        if (!m_process->waitForFinished(StopTimeoutMs)) {
            // The group id stays valid until QProcess reaps the leader, so this cannot hit a
            // stranger; it also takes any fork (RDB for a replica) down with the server.
            ::kill(-static_cast<pid_t>(m_pid), SIGKILL);
            m_process->waitForFinished(StopTimeoutMs);
        }
    }
    m_process.reset();
    m_pid = 0;
    m_frozen = false;
}

bool RedisServer::restart()
{
    return restart(m_options);
}

bool RedisServer::restart(const RedisServerOptions& changed)
{
    stop();
    m_options = changed;
    if (m_options.tls && m_tls.isEmpty()) {
        m_tls = qd::test::generateTlsFiles(dir() + u"/tls"_s, &m_lastError);
        if (m_tls.isEmpty())
            return false;
    }
    if (m_options.clusterEnabled && m_busPort == 0)
        m_busPort = freeLoopbackPort();
    return launch();
}

bool RedisServer::restartWithTls(const TlsFiles& files)
{
    if (!m_options.tls || files.isEmpty()) {
        m_lastError = u"restartWithTls needs a TLS server and files"_s;
        return false;
    }
    stop();
    m_tls = files;
    return launch();
}

void RedisServer::freeze()
{
    if (isRunning() && ::kill(static_cast<pid_t>(m_pid), SIGSTOP) == 0)
        m_frozen = true;
}

void RedisServer::thaw()
{
    if (isRunning() && ::kill(static_cast<pid_t>(m_pid), SIGCONT) == 0)
        m_frozen = false;
}

QStringList RedisServer::cliConnectionArgs(bool withAuth) const
{
    QStringList args {u"-h"_s, host(), u"-p"_s, QString::number(m_port)};
    if (m_options.tls) {
        args << u"--tls"_s << u"--cacert"_s << m_tls.caCert << u"--cert"_s << m_tls.clientCert
             << u"--key"_s << m_tls.clientKey;
    }
    if (withAuth && !m_options.aclUser.isEmpty())
        args << u"--user"_s << m_options.aclUser << u"--pass"_s << m_options.aclPassword;
    else if (withAuth && !m_options.password.isEmpty())
        args << u"-a"_s << m_options.password;
    if (withAuth)
        args << u"--no-auth-warning"_s;
    return args;
}

QByteArray RedisServer::cli(const QStringList& args, int timeoutMs) const
{
    const RedisCli::Result result = RedisCli::run(cliConnectionArgs() + args, timeoutMs);
    // Connection failures only reach stderr; returning them makes a failed compare readable.
    return result.out.isEmpty() ? result.err : result.out;
}

QString RedisServer::configPath() const
{
    return QDir(dir()).filePath(m_options.sentinel ? u"sentinel.conf"_s : u"redis.conf"_s);
}

bool RedisServer::writeConfig()
{
    const QDir d(dir());
    QStringList lines {
        u"bind 127.0.0.1"_s,
        u"protected-mode no"_s, // loopback only anyway; lets sentinels and replicas connect
        u"daemonize no"_s, // QProcess must own the real server process
        u"dir "_s + quoted(dir()), u"logfile "_s + quoted(logFile()),
        u"pidfile "_s + quoted(d.filePath(u"redis.pid"_s)),
        u"enable-debug-command local"_s, // DEBUG SLEEP and friends for timeout tests
    };
    if (!m_options.sentinel) {
        // No persistence; and no 10 s wait for lagging replicas when the fixture stops it.
        lines << u"save \"\""_s << u"appendonly no"_s << u"shutdown-on-sigterm now"_s;
    }
    if (m_options.tls) {
        lines << u"port 0"_s << u"tls-port %1"_s.arg(m_port)
              << u"tls-cert-file "_s + quoted(m_tls.serverCert)
              << u"tls-key-file "_s + quoted(m_tls.serverKey)
              << u"tls-ca-cert-file "_s + quoted(m_tls.caCert)
              << (m_options.tlsRequireClientCert ? u"tls-auth-clients yes"_s
                                                 : u"tls-auth-clients no"_s);
    } else {
        lines << u"port %1"_s.arg(m_port);
    }
    if (m_options.unixSocket)
        lines << u"unixsocket "_s + quoted(unixSocketPath()) << u"unixsocketperm 700"_s;
    if (!m_options.password.isEmpty())
        lines << u"requirepass "_s + quoted(m_options.password);
    if (!m_options.aclUser.isEmpty()) {
        lines << u"user %1 on %2 ~* &* +@all"_s.arg(
            quoted(m_options.aclUser), quoted(u'>' + m_options.aclPassword));
    }
    if (m_options.aclOnly)
        lines << u"user default off"_s;
    if (m_options.clusterEnabled) {
        // cluster-port: the default bus port (port + 10000) may be taken or exceed 65535.
        lines << u"cluster-enabled yes"_s << u"cluster-config-file nodes.conf"_s
              << u"cluster-node-timeout 2000"_s << u"cluster-port %1"_s.arg(m_busPort);
    }
    lines << m_options.extraConfig;

    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write((lines.join(u'\n') + u'\n').toUtf8()) < 0) {
        m_lastError = u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

bool RedisServer::launch()
{
    m_addressInUse = false;
    if (!writeConfig())
        return false;
    QFile::remove(logFile()); // so logTail() shows this run only
    m_process = std::make_unique<QProcess>();
    ChildProcess::tieToTestProcess(*m_process);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(dir());
    QStringList args {configPath()};
    if (m_options.sentinel)
        args << u"--sentinel"_s;
    m_process->start(u"redis-server"_s, args);
    if (!m_process->waitForStarted(m_options.startTimeoutMs)) {
        // No skip on purpose: scripts/setup installs redis-server, a missing binary is a bug.
        m_lastError = u"cannot run redis-server: "_s + m_process->errorString();
        m_process.reset();
        return false;
    }
    m_pid = m_process->processId();
    if (waitUntilReady())
        return true;
    stop();
    return false;
}

bool RedisServer::waitUntilReady()
{
    RespProbe::Options probe;
    probe.tls = m_options.tls;
    probe.caCert = m_tls.caCert;
    probe.clientCert = m_tls.clientCert;
    probe.clientKey = m_tls.clientKey;
    probe.user = m_options.aclUser;
    probe.password = m_options.aclUser.isEmpty() ? m_options.password : m_options.aclPassword;
    probe.timeoutMs = 1000;

    const QDeadlineTimer deadline(m_options.startTimeoutMs);
    QString lastProbe;
    QByteArray output;
    for (;;) {
        // Doubles as the poll interval's sleep, and notices an early exit (bad config, port).
        if (m_process->waitForFinished(50) || m_process->state() == QProcess::NotRunning) {
            output += m_process->readAll();
            m_addressInUse = output.contains("Address already in use")
                || logTail(50).contains(u"Address already in use"_s);
            m_lastError = u"redis-server for %1 exited with code %2 before it answered"_s.arg(
                endpoint(), QString::number(m_process->exitCode()));
            break;
        }
        output += m_process->readAll();
        const QByteArray reply = RespProbe::command(host(), m_port, probe,
            {QByteArrayLiteral("INFO"), QByteArrayLiteral("server")}, &lastProbe);
        // Another test's server may hold the port we were given, and answer while ours is
        // failing to bind: only our own process id counts as ready.
        if (reply.contains(QByteArray("process_id:" + QByteArray::number(m_pid) + '\r')))
            return true;
        if (!reply.isEmpty())
            lastProbe = QString::fromUtf8(reply.left(200));
        if (deadline.hasExpired()) {
            m_lastError = u"redis-server for %1 did not answer within %2 ms (last probe: %3)"_s.arg(
                endpoint(), QString::number(m_options.startTimeoutMs), lastProbe);
            break;
        }
    }
    // Config errors reach only stdout/stderr; everything later only the log file.
    if (!output.trimmed().isEmpty())
        m_lastError += u"\n--- redis-server output ---\n"_s + QString::fromUtf8(output.trimmed());
    m_lastError += u"\n--- "_s + logFile() + u" (tail) ---\n"_s + logTail();
    return false;
}

} // namespace qd::test
