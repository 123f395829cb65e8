#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

#include <utility>

namespace qd::test {

struct HttpResponse {
    int status = 0; // 0: no HTTP answer (connection failed or timed out)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QString networkError;

    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    // The API's error code ("" when the body is not the error shape).
    QString errorCode() const;
    QString errorField() const;
    // One line for QVERIFY2 messages.
    QByteArray describe() const;
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// A blocking HTTP client over QNetworkAccessManager (the event loop runs while it waits, so an
// in-process server keeps serving). Sends the bearer token when one is set.
class HttpClient final {
public:
    explicit HttpClient(QUrl base = {});

    void setBase(const QUrl& base) { m_base = base; }
    void setToken(const QByteArray& token) { m_token = token; }
    const QUrl& base() const { return m_base; }

    HttpResponse get(const QString& path, const Headers& headers = {});
    HttpResponse post(const QString& path, const QJsonObject& body);
    HttpResponse put(const QString& path, const QJsonObject& body);
    HttpResponse del(const QString& path);
    // Anything: method, raw body, explicit headers (no Content-Type unless given).
    HttpResponse send(const QByteArray& method, const QString& path, const QByteArray& body = {},
        const Headers& headers = {}, int timeoutMs = 15000);

private:
    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_network;
};

} // namespace qd::test
