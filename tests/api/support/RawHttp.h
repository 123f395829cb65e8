#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>

namespace qd::test {

// What came back on one raw connection.
struct RawResponse {
    int status = 0; // 0: no status line arrived
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    QByteArray raw; // everything received

    QJsonObject object() const;
    QString errorCode() const; // the API's error code, "" when not the error shape
    QByteArray describe() const;
};

// Sends bytes exactly as given on a fresh connection to 127.0.0.1:port (no client-side
// normalisation of paths or headers: for hostile input), then fillBytes more 'x' bytes in
// chunks while reading, and returns the first complete response (by Content-Length) or what
// arrived before the server closed or the timeout. Runs the event loop while it waits.
RawResponse rawHttp(
    quint16 port, const QByteArray& request, qint64 fillBytes = 0, int timeoutMs = 10000);

// "METHOD target HTTP/1.1" with Host, Connection: close, the headers given, Content-Length
// when there is a body (or declaredLength when >= 0), then the body.
QByteArray rawRequest(const QByteArray& method, const QByteArray& target,
    const QList<std::pair<QByteArray, QByteArray>>& headers = {}, const QByteArray& body = {},
    qint64 declaredLength = -1);

} // namespace qd::test
