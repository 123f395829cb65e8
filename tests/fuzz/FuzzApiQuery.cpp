// Everything of a request that is not its body: the path (percent-decoded into route
// parameters by the real Router, loaded with every route of the OpenAPI document), the query
// string (decoded by QUrlQuery as ApiRequest does) with each parameter the controllers read,
// the Last-Event-ID header and the Content-Type check. Input: four lines, path, query,
// Last-Event-ID, Content-Type; missing lines are empty.

#include "FuzzTarget.h"
#include "api/http/ApiRequest.h"
#include "api/http/Router.h"
#include "api/json/RequestBodies.h"
#include "core/actions/MultiAction.h"
#include "core/config/ConfigValidator.h"
#include "core/events/Event.h"
#include "core/util/Duration.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// The served routes as the OpenAPI document lists them (a test keeps the two equal).
const qd::api::Router& router()
{
    static const qd::api::Router instance = [] {
        qd::api::Router routes;
        QFile file(u":/qd/api/openapi.json"_s);
        if (!file.open(QIODevice::ReadOnly))
            qd::fuzz::violated("the compiled-in OpenAPI document is missing");
        const QJsonObject paths
            = QJsonDocument::fromJson(file.readAll()).object().value(u"paths"_s).toObject();
        if (paths.isEmpty())
            qd::fuzz::violated("the OpenAPI document lists no paths");
        const QList<std::pair<QString, qd::api::HttpMethod>> methods {
            {u"get"_s, qd::api::HttpMethod::Get}, {u"post"_s, qd::api::HttpMethod::Post},
            {u"put"_s, qd::api::HttpMethod::Put}, {u"delete"_s, qd::api::HttpMethod::Delete}};
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            for (const auto& [name, method] : methods) {
                if (it.value().toObject().contains(name))
                    routes.add(
                        method, it.key(), [](const qd::api::ApiRequest&, qd::api::ApiReply&) {});
            }
        }
        return routes;
    }();
    return instance;
}

QSet<QString> listParameter(const QUrlQuery& query, const QString& key)
{
    QSet<QString> values;
    const QString text = query.queryItemValue(key, QUrl::FullyDecoded);
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts))
        values.insert(part.trimmed());
    return values;
}

// "since", "from", "to": a duration back from now or an RFC 3339 time.
void timeParameter(const QUrlQuery& query, const QString& key)
{
    const QString text = query.queryItemValue(key, QUrl::FullyDecoded);
    if (text.isEmpty() || qd::duration::parse(text))
        return;
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (time.isValid())
        (void)time.toMSecsSinceEpoch();
}

void queryParameters(const QString& text)
{
    const QUrlQuery query(text);
    for (const QString& name : listParameter(query, u"cluster"_s))
        (void)qd::ConfigValidator::isValidClusterName(name);
    // Event types are only compared with SseHub::knownTypes(), a fixed list.
    (void)listParameter(query, u"type"_s);
    (void)qd::actionStatusFromName(query.queryItemValue(u"status"_s, QUrl::FullyDecoded));
    (void)qd::Event::parseId(
        query.queryItemValue(u"last_event_id"_s, QUrl::FullyDecoded).trimmed());
    timeParameter(query, u"since"_s);
    timeParameter(query, u"from"_s);
    timeParameter(query, u"to"_s);
    (void)query.queryItemValue(u"limit"_s, QUrl::FullyDecoded).toInt();
    (void)query.queryItemValue(u"metric"_s, QUrl::FullyDecoded);
}

void path(const QString& encoded)
{
    for (const auto method : {qd::api::HttpMethod::Get, qd::api::HttpMethod::Post,
             qd::api::HttpMethod::Put, qd::api::HttpMethod::Delete}) {
        const qd::api::Router::Match match = router().match(method, encoded);
        if (match.route && !match.handler)
            qd::fuzz::violated("Router matched a route without a handler");
        if (const auto name = match.params.constFind(u"name"_s); name != match.params.cend())
            (void)qd::ConfigValidator::isValidClusterName(*name);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QList<QByteArray> lines = qd::fuzz::bytes(data, size).split('\n');
    const auto line = [&lines](qsizetype i) { return i < lines.size() ? lines[i] : QByteArray(); };
    // HTTP gives paths and queries as Latin-1 bytes; Qt's server hands them on through QUrl.
    path(QString::fromLatin1(line(0)));
    queryParameters(QString::fromLatin1(line(1)));
    const qint64 id = qd::Event::parseId(QString::fromUtf8(line(2)).trimmed());
    if (id < 0)
        qd::fuzz::violated("Event::parseId gave a negative id");
    (void)qd::api::requests::isJsonContentType(line(3));
    return 0;
}
