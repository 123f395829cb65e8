#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace qd::api {

class ApiReply;
class ApiRequest;

enum class HttpMethod { Get, Post, Put, Delete, Other };

QString methodName(HttpMethod method); // "GET", ...

// What one served route is, for dispatch, metrics labels and the OpenAPI check.
struct RouteInfo {
    HttpMethod method = HttpMethod::Get;
    QString pattern; // "/api/v1/clusters/{name}": the metrics label too (bounded cardinality)
    QStringList queryKeys; // accepted query parameters; others are a 400
    bool mutates = false; // needs the bearer token; refused when api.read_only
};

// Maps method + path to a handler. Paths are templates whose "{x}" segments capture one
// percent-decoded segment each. Knowing every route lets the server tell 404 from 405.
class Router final {
public:
    using Handler = std::function<void(const ApiRequest& request, ApiReply& reply)>;

    struct Match {
        const RouteInfo* route = nullptr;
        const Handler* handler = nullptr;
        QHash<QString, QString> params;
        QList<HttpMethod> allowed; // methods the path accepts, when it matched but not the method
        QString pattern; // the matched path template, also when only the method was wrong
    };

    // A route that changes state unless it is a GET.
    void add(HttpMethod method, const QString& pattern, Handler handler,
        const QStringList& queryKeys = {});
    // A POST that only reads (compare): no token needed, allowed when read-only.
    void addRead(HttpMethod method, const QString& pattern, Handler handler);
    Match match(HttpMethod method, const QString& encodedPath) const;
    QList<RouteInfo> routes() const;

private:
    struct Entry {
        RouteInfo info;
        QStringList segments;
        Handler handler;
    };

    static bool matchSegments(
        const QStringList& pattern, const QStringList& path, QHash<QString, QString>* params);

    QList<Entry> m_entries;
};

} // namespace qd::api
