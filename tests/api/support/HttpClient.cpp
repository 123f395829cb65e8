#include "HttpClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace qd::test {

QString HttpResponse::errorCode() const
{
    return object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString HttpResponse::errorField() const
{
    return object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("field"))
        .toString();
}

QByteArray HttpResponse::describe() const
{
    return "HTTP " + QByteArray::number(status) + " " + networkError.toUtf8() + " "
        + body.left(600);
}

HttpClient::HttpClient(QUrl base) : m_base(std::move(base))
{
}

HttpResponse HttpClient::get(const QString& path, const Headers& headers)
{
    return send("GET", path, {}, headers);
}

HttpResponse HttpClient::post(const QString& path, const QJsonObject& body)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}});
}

HttpResponse HttpClient::put(const QString& path, const QJsonObject& body)
{
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}});
}

HttpResponse HttpClient::del(const QString& path)
{
    return send("DELETE", path);
}

HttpResponse HttpClient::send(const QByteArray& method, const QString& path, const QByteArray& body,
    const Headers& headers, int timeoutMs)
{
    QNetworkRequest request(m_base.resolved(QUrl(path)));
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    auto* data = new QBuffer;
    data->setData(body);
    data->open(QIODevice::ReadOnly);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, data);
    data->setParent(reply);

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();

    HttpResponse response;
    if (!reply->isFinished()) {
        reply->abort();
        response.networkError = QStringLiteral("timed out");
    }
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    if (reply->error() != QNetworkReply::NoError && response.status == 0)
        response.networkError = reply->errorString();
    reply->deleteLater();
    return response;
}

} // namespace qd::test
