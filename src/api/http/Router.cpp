#include "api/http/Router.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QStringList splitPath(const QString& path)
{
    QString trimmed = path;
    // "/api/v1/clusters/" is the same resource as "/api/v1/clusters".
    if (trimmed.size() > 1 && trimmed.endsWith(u'/'))
        trimmed.chop(1);
    return trimmed.split(u'/');
}

bool isCapture(const QString& segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

QString methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return u"GET"_s;
    case HttpMethod::Post:
        return u"POST"_s;
    case HttpMethod::Put:
        return u"PUT"_s;
    case HttpMethod::Delete:
        return u"DELETE"_s;
    case HttpMethod::Other:
        break;
    }
    return u"OTHER"_s;
}

void Router::add(
    HttpMethod method, const QString& pattern, Handler handler, const QStringList& queryKeys)
{
    m_entries.append(Entry {RouteInfo {method, pattern, queryKeys, method != HttpMethod::Get},
        splitPath(pattern), std::move(handler)});
}

void Router::addRead(HttpMethod method, const QString& pattern, Handler handler)
{
    m_entries.append(
        Entry {RouteInfo {method, pattern, {}, false}, splitPath(pattern), std::move(handler)});
}

bool Router::matchSegments(
    const QStringList& pattern, const QStringList& path, QHash<QString, QString>* params)
{
    if (pattern.size() != path.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (isCapture(pattern[i])) {
            const QString value = QUrl::fromPercentEncoding(path[i].toUtf8());
            if (value.isEmpty())
                return false;
            captured.insert(pattern[i].mid(1, pattern[i].size() - 2), value);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    *params = std::move(captured);
    return true;
}

Router::Match Router::match(HttpMethod method, const QString& encodedPath) const
{
    const QStringList path = splitPath(encodedPath);
    Match result;
    for (const Entry& entry : m_entries) {
        QHash<QString, QString> params;
        if (!matchSegments(entry.segments, path, &params))
            continue;
        result.pattern = entry.info.pattern;
        if (entry.info.method == method) {
            result.route = &entry.info;
            result.handler = &entry.handler;
            result.params = std::move(params);
            result.allowed.clear();
            return result;
        }
        if (!result.allowed.contains(entry.info.method))
            result.allowed.append(entry.info.method);
    }
    return result;
}

QList<RouteInfo> Router::routes() const
{
    QList<RouteInfo> infos;
    for (const Entry& entry : m_entries)
        infos.append(entry.info);
    return infos;
}

} // namespace qd::api
