#include "RawHttp.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

namespace qd::test {
namespace {

// Splits off the head once it is complete; true when the whole response is there.
bool parse(RawResponse& r)
{
    const qsizetype end = r.raw.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = r.raw.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    r.status = statusLine.value(1).toInt();
    r.headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.insert(
                lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    r.body = r.raw.mid(end + 4);
    bool ok = false;
    const qint64 length = r.headers.value("content-length").toLongLong(&ok);
    if (!ok || r.body.size() < length)
        return false;
    r.body.truncate(length);
    return true;
}

} // namespace

QJsonObject RawResponse::object() const
{
    return QJsonDocument::fromJson(body).object();
}

QString RawResponse::errorCode() const
{
    return object()[QStringLiteral("error")][QStringLiteral("code")].toString();
}

QByteArray RawResponse::describe() const
{
    return "HTTP " + QByteArray::number(status) + ": " + body.left(400)
        + (status == 0 ? " (raw: " + raw.left(200) + ")" : QByteArray());
}

QByteArray rawRequest(const QByteArray& method, const QByteArray& target,
    const QList<std::pair<QByteArray, QByteArray>>& headers, const QByteArray& body,
    qint64 declaredLength)
{
    QByteArray out
        = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    const qint64 length = declaredLength >= 0 ? declaredLength : body.size();
    if (length > 0 || declaredLength == 0)
        out += "Content-Length: " + QByteArray::number(length) + "\r\n";
    return out + "\r\n" + body;
}

RawResponse rawHttp(quint16 port, const QByteArray& request, qint64 fillBytes, int timeoutMs)
{
    RawResponse response;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return response;
    QDeadlineTimer deadline(timeoutMs);
    qint64 queued = 0;
    const qint64 chunk = 64 * 1024;
    for (qint64 done = 0; done < request.size(); done += chunk)
        socket.write(request.mid(done, chunk));
    const QByteArray filler(chunk, 'x');
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        // Keep at most 256 KiB in flight so a server that stops reading is noticed.
        if (queued < fillBytes && socket.bytesToWrite() < 256 * 1024) {
            const qint64 n = std::min(chunk, fillBytes - queued);
            socket.write(filler.left(n));
            queued += n;
        }
        socket.waitForReadyRead(queued < fillBytes ? 1 : 50);
        response.raw += socket.readAll();
        if (parse(response))
            return response;
    }
    response.raw += socket.readAll();
    parse(response);
    return response;
}

} // namespace qd::test
