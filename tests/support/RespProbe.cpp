#include "support/RespProbe.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace qd::test {
namespace {

QByteArray fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return {};
}

QByteArray encode(const QList<QByteArray>& args)
{
    QByteArray out = '*' + QByteArray::number(args.size()) + "\r\n";
    for (const QByteArray& arg : args)
        out += '$' + QByteArray::number(arg.size()) + "\r\n" + arg + "\r\n";
    return out;
}

// Reads one reply line (the probe only sends commands with simple or error replies).
QByteArray readLine(QTcpSocket& socket, const QDeadlineTimer& deadline, QString* error)
{
    while (!socket.canReadLine()) {
        if (deadline.hasExpired())
            return fail(error, u"no reply before the timeout"_s);
        if (!socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime()))))
            return fail(error, u"no reply: "_s + socket.errorString());
    }
    return socket.readLine().trimmed();
}

std::unique_ptr<QTcpSocket> makeSocket(const RespProbe::Options& options, QString* error)
{
    if (!options.tls)
        return std::make_unique<QTcpSocket>();
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = socket->sslConfiguration();
    if (!options.caCert.isEmpty())
        config.setCaCertificates(QSslCertificate::fromPath(options.caCert));
    if (!options.clientCert.isEmpty() && !options.clientKey.isEmpty()) {
        QFile keyFile(options.clientKey);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            fail(error, u"cannot read "_s + options.clientKey);
            return nullptr;
        }
        const auto certs = QSslCertificate::fromPath(options.clientCert);
        if (!certs.isEmpty())
            config.setLocalCertificate(certs.first());
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    }
    socket->setSslConfiguration(config);
    return socket;
}

} // namespace

QByteArray RespProbe::ping(
    const QString& host, quint16 port, const Options& options, QString* error)
{
    return command(host, port, options, {QByteArrayLiteral("PING")}, error);
}

QByteArray RespProbe::command(const QString& host, quint16 port, const Options& options,
    const QList<QByteArray>& args, QString* error)
{
    const QDeadlineTimer deadline(options.timeoutMs);
    std::unique_ptr<QTcpSocket> socket = makeSocket(options, error);
    if (!socket)
        return {};
    const auto remaining
        = [&] { return static_cast<int>(qMax<qint64>(1, deadline.remainingTime())); };
    if (options.tls) {
        auto* ssl = static_cast<QSslSocket*>(socket.get());
        ssl->connectToHostEncrypted(host, port);
        if (!ssl->waitForEncrypted(remaining()))
            return fail(error, u"TLS connection failed: "_s + ssl->errorString());
    } else {
        socket->connectToHost(host, port);
        if (!socket->waitForConnected(remaining()))
            return fail(error, u"connection failed: "_s + socket->errorString());
    }
    if (!options.password.isEmpty()) {
        QList<QByteArray> auth {QByteArrayLiteral("AUTH")};
        if (!options.user.isEmpty())
            auth.append(options.user.toUtf8());
        auth.append(options.password.toUtf8());
        socket->write(encode(auth));
        QByteArray reply = readLine(*socket, deadline, error);
        if (reply != "+OK")
            return reply;
    }
    socket->write(encode(args));
    QByteArray reply = readLine(*socket, deadline, error);
    if (!reply.startsWith('$') || reply == "$-1")
        return reply;
    const qsizetype length = reply.mid(1).toLongLong();
    while (socket->bytesAvailable() < length + 2) {
        if (deadline.hasExpired() || !socket->waitForReadyRead(remaining()))
            return fail(error, u"incomplete bulk reply: "_s + socket->errorString());
    }
    return socket->read(length);
}

} // namespace qd::test
