#pragma once

#include "api/ApiServerOptions.h"
#include "api/TokenAuth.h"
#include "api/http/Router.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;

namespace qd {
class ActionEngine;
class AuditLog;
class Manager;
} // namespace qd

namespace qd::api {

class ActionWaiter;
class ApiMetrics;
class ApiReply;
class GuardedTcpServer;
class HttpServer;
class SseHub;
struct Controllers;

// The REST + SSE API and /metrics over one engine: routes every request, answers unknown
// paths (404) and methods (405), demands the bearer token for anything that changes state
// (401), refuses changes when api.read_only (403), enforces the body limit (413), and turns
// every error into the one JSON error shape. Lives on the main thread with the engine.
class ApiServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    ApiServer(Manager& manager, ActionEngine& actions, AuditLog& audit,
        ApiServerOptions options = {}, QObject* parent = nullptr);
    ~ApiServer() override;

    // Resolves the token, then listens on "ADDR:PORT" (port 0 picks a free one). On failure
    // (bad address, port taken, unreadable token file) returns false and explains in *error.
    bool start(const QString& listen, QString* error);
    // Closes the listening socket and every event stream; waiting requests get their answer.
    void stop();

    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;
    // The token in use; nullopt before start().
    const std::optional<TokenAuth>& auth() const { return m_auth; }
    QList<RouteInfo> routes() const { return m_router.routes(); }
    int sseClientCount() const;

private:
    void dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handle(const QHttpServerRequest& request, const Router::Match& match, ApiReply& reply);

    Manager& m_manager;
    ActionEngine& m_actions;
    ApiServerOptions m_options;
    Router m_router;
    std::optional<TokenAuth> m_auth;
    std::unique_ptr<ApiMetrics> m_metrics;
    std::unique_ptr<SseHub> m_sse;
    std::unique_ptr<ActionWaiter> m_waiter;
    std::unique_ptr<Controllers> m_controllers;
    HttpServer* m_http = nullptr;
    GuardedTcpServer* m_tcp = nullptr;
};

} // namespace qd::api
