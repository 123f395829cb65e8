#include "api/ApiServer.h"

#include "api/ApiError.h"
#include "api/ListenAddress.h"
#include "api/controllers/ActionWaiter.h"
#include "api/controllers/ActionsController.h"
#include "api/controllers/AuditController.h"
#include "api/controllers/ClustersController.h"
#include "api/controllers/EventsController.h"
#include "api/controllers/HealthController.h"
#include "api/controllers/MetricsController.h"
#include "api/controllers/OpenApiController.h"
#include "api/controllers/StatsController.h"
#include "api/controllers/TrendsController.h"
#include "api/controllers/UiController.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/http/GuardedTcpServer.h"
#include "api/http/HttpServer.h"
#include "api/metrics/ApiMetrics.h"
#include "api/sse/SseHub.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/telemetry/OperationSpans.h"
#include "core/util/Log.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace qd::api {

// One instance of each controller; they register their routes once.
struct Controllers {
    Controllers(Manager& manager, ActionEngine& engine, AuditLog& log, ActionWaiter& waiter,
        SseHub& sse, ApiMetrics& counters)
        : m_clusters(manager)
        , m_stats(manager)
        , m_health(manager)
        , m_actions(engine, waiter)
        , m_events(sse)
        , m_ui(manager)
        , m_audit(log)
        , m_trends(manager)
        , m_metrics(manager, engine, counters, sse)
    {
    }

    void registerRoutes(Router& router)
    {
        m_clusters.registerRoutes(router);
        m_trends.registerRoutes(router);
        m_stats.registerRoutes(router);
        m_health.registerRoutes(router);
        m_actions.registerRoutes(router);
        m_events.registerRoutes(router);
        m_ui.registerRoutes(router);
        m_audit.registerRoutes(router);
        m_openApi.registerRoutes(router);
        m_metrics.registerRoutes(router);
    }

    ClustersController m_clusters;
    StatsController m_stats;
    HealthController m_health;
    ActionsController m_actions;
    EventsController m_events;
    UiController m_ui;
    AuditController m_audit;
    TrendsController m_trends;
    OpenApiController m_openApi;
    MetricsController m_metrics;
};

namespace {

HttpMethod methodOf(const QHttpServerRequest& request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return HttpMethod::Get;
    case QHttpServerRequest::Method::Post:
        return HttpMethod::Post;
    case QHttpServerRequest::Method::Put:
        return HttpMethod::Put;
    case QHttpServerRequest::Method::Delete:
        return HttpMethod::Delete;
    default:
        return HttpMethod::Other;
    }
}

QString requestMethodName(const QHttpServerRequest& request)
{
    const HttpMethod method = methodOf(request);
    return method == HttpMethod::Other ? u"OTHER"_s : methodName(method);
}

} // namespace

ApiServer::ApiServer(Manager& manager, ActionEngine& actions, AuditLog& audit,
    ApiServerOptions options, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_actions(actions)
    , m_options(std::move(options))
    , m_metrics(std::make_unique<ApiMetrics>())
    , m_sse(std::make_unique<SseHub>(
          manager.events(), m_options.heartbeat, m_options.sseMaxPendingBytes))
    , m_waiter(std::make_unique<ActionWaiter>(actions, m_options.actionWait))
    , m_controllers(
          std::make_unique<Controllers>(manager, actions, audit, *m_waiter, *m_sse, *m_metrics))
{
    m_controllers->registerRoutes(m_router);
    m_sse->setDropObserver([this](const QString& reason) { m_metrics->observeSseDrop(reason); });
    connect(&manager, &Manager::pollFinished, this,
        [this](const PollResult& result) { m_metrics->observePoll(result); });
    connect(&actions, &ActionEngine::actionChanged, this,
        [this](const MultiAction& action) { m_metrics->observeAction(action); });
    connect(&manager, &Manager::clustersChanged, this, [this] {
        const QStringList names = m_manager.clusterNames();
        m_metrics->retainClusters(QSet<QString>(names.cbegin(), names.cend()));
    });
}

ApiServer::~ApiServer()
{
    stop();
}

bool ApiServer::start(const QString& listen, QString* error)
{
    const auto address = ListenAddress::parse(listen, error);
    if (!address)
        return false;
    if (!m_auth) {
        const QString dataDirectory = m_options.dataDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : m_options.dataDirectory;
        // Read tokens come from the config (api.read_tokens) and, in tests, from the options.
        const QStringList readTokens = m_manager.config().api.readTokens + m_options.readTokens;
        m_auth = TokenAuth::create(m_manager.config().api, dataDirectory, error, readTokens);
        if (!m_auth)
            return false;
        log::addSecret(m_auth->token());
        for (const QString& token : readTokens)
            log::addSecret(token);
    }
    auto tcp = std::make_unique<GuardedTcpServer>(m_manager.config().api.maxBodyBytes,
        [this] { m_metrics->observeRequest(u"(body limit)"_s, u"OTHER"_s, 413, 0); });
    // A thousand event-stream clients may connect at once; the default backlog (50) would make
    // most of them wait for SYN retries.
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(address->host, address->port)) {
        *error = u"cannot listen on %1: %2"_s.arg(listen, tcp->errorString());
        return false;
    }
    m_http = new HttpServer(
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            dispatch(request, std::move(responder));
        },
        this);
    m_tcp = tcp.release();
    m_http->bind(m_tcp); // takes ownership
    spdlog::info("API listening on http://{}",
        log::s(QStringLiteral("%1:%2")
                   .arg(address->host.protocol() == QAbstractSocket::IPv6Protocol
                           ? u'[' + address->host.toString() + u']'
                           : address->host.toString())
                   .arg(m_tcp->serverPort())));
    return true;
}

void ApiServer::stop()
{
    if (m_waiter)
        m_waiter->flush();
    if (m_sse)
        m_sse->closeAll();
    if (m_tcp)
        m_tcp->close();
    delete m_http; // with the listening socket and every connection
    m_http = nullptr;
    m_tcp = nullptr;
}

bool ApiServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

QHostAddress ApiServer::address() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

quint16 ApiServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

int ApiServer::sseClientCount() const
{
    return m_sse->clientCount();
}

void ApiServer::dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    QElapsedTimer timer;
    timer.start();
    const HttpMethod method = methodOf(request);
    const QString path = request.url().path(QUrl::FullyEncoded);
    const Router::Match match = m_router.match(method, path);
    const QString route = match.pattern.isEmpty() ? u"(unmatched)"_s : match.pattern;
    const bool mutates = match.route && match.route->mutates;
    const QString methodLabel = requestMethodName(request);
    const QHostAddress remote = request.remoteAddress();
    // The caller's traceparent becomes the parent; whatever handle() starts is its child.
    const auto span = telemetry::requestSpan(methodLabel, route,
        request.value(QByteArrayLiteral("traceparent")),
        request.value(QByteArrayLiteral("tracestate")), path, port());
    const telemetry::Scope scope(*span);
    const auto observe = [=, this](int status) {
        telemetry::endRequest(*span, status);
        m_metrics->observeRequest(
            route, methodLabel, status, static_cast<double>(timer.nsecsElapsed()) / 1e9);
        // Changes are worth a line each; reads would drown the log.
        if (mutates || status >= 500)
            spdlog::info("api {} {} -> {} from {}", log::s(methodLabel), log::s(path), status,
                log::s(remote.toString()));
        else if (spdlog::should_log(spdlog::level::debug))
            spdlog::debug("api {} {} -> {}", log::s(methodLabel), log::s(path), status);
    };
    ApiReply reply(responder, observe, request.method() == QHttpServerRequest::Method::Head);
    try {
        handle(request, match, reply);
    } catch (...) {
        if (reply.isPending())
            reply.sendError(ApiError::fromException(std::current_exception()));
    }
}

void ApiServer::handle(
    const QHttpServerRequest& request, const Router::Match& match, ApiReply& reply)
{
    if (!match.route) {
        if (match.allowed.isEmpty())
            throw ApiError::notFound(u"no such endpoint: %1"_s.arg(request.url().path()));
        QStringList allowed;
        for (const HttpMethod m : match.allowed)
            allowed.append(methodName(m));
        reply.sendError(ApiError::methodNotAllowed(
                            u"%1 takes %2"_s.arg(request.url().path(), allowed.join(u", "_s))),
            {{QByteArrayLiteral("Allow"), allowed.join(u", "_s).toLatin1()}});
        return;
    }
    const QUrlQuery query(request.url());
    for (const auto& [key, value] : query.queryItems()) {
        if (!match.route->queryKeys.contains(key))
            throw ApiError::badRequest(
                u"%1: unknown query parameter"_s.arg(key), key, u"unknown_parameter"_s);
    }
    if (match.route->mutates) {
        const TokenAuth::Grant grant = m_auth
            ? m_auth->grant(request.value(QByteArrayLiteral("Authorization")))
            : TokenAuth::Grant::None;
        if (grant == TokenAuth::Grant::None) {
            reply.sendError(
                ApiError::unauthorized(
                    u"this request changes state: send Authorization: Bearer <token>"_s),
                {{QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")}});
            return;
        }
        if (grant == TokenAuth::Grant::Read) {
            reply.sendError(ApiError::forbidden(u"this token may only read; a change needs the "
                                                "write token (api.token)"_s,
                                u"insufficient_scope"_s),
                {{QByteArrayLiteral("WWW-Authenticate"),
                    QByteArrayLiteral("Bearer error=\"insufficient_scope\"")}});
            return;
        }
        if (m_manager.config().api.readOnly)
            throw ApiError::forbidden(
                u"the API is read-only (api.read_only): no changes accepted"_s, u"read_only"_s);
    }
    if (request.body().size() > m_manager.config().api.maxBodyBytes)
        throw ApiError::payloadTooLarge(m_manager.config().api.maxBodyBytes);
    const ApiRequest apiRequest(request, *match.route, match.params);
    (*match.handler)(apiRequest, reply);
}

} // namespace qd::api
