#pragma once

#include "HttpClient.h"
#include "SchemaChecker.h"
#include "api/ApiServerOptions.h"
#include "core/config/Config.h"
#include "support/EngineConfig.h"
#include "support/EngineFixture.h"

#include <memory>

namespace qd::api {
class ApiServer;
} // namespace qd::api

namespace qd::test {

inline constexpr char kTestToken[] = "test-token-0123456789abcdef";

// The engine and its API in this process, the way EngineHost builds them: the engine of an
// EngineFixture (config file, audit log and API data in its temporary folder), the API on
// 127.0.0.1 at a free port. A config without api.token gets kTestToken, which client() sends.
class ApiHarness final {
public:
    explicit ApiHarness(Config config, api::ApiServerOptions options = {});
    ~ApiHarness();
    ApiHarness(const ApiHarness&) = delete;
    ApiHarness& operator=(const ApiHarness&) = delete;

    // Builds the engine, starts polling (unless poll is false) and the API. false + *error.
    bool start(QString* error, bool poll = true);

    Manager& manager() { return m_engine.manager(); }
    ActionEngine& actions() { return m_engine.actions(); }
    AuditLog& audit() { return m_engine.audit(); }
    api::ApiServer& server() { return *m_server; }
    quint16 port() const;
    QString configPath() const { return m_engine.configPath(); }
    QString dir() const { return m_engine.dir(); }

    HttpClient& client() { return m_client; } // sends kTestToken
    HttpClient& anonymous() { return m_anonymous; } // sends no token
    // The server's own OpenAPI document (fetched at start).
    const SchemaChecker& schema() const { return *m_schema; }
    // Problems of a response against the document; empty when it conforms.
    QStringList conformance(
        const QString& method, const QString& pathTemplate, const HttpResponse& response) const;

private:
    EngineFixture m_engine;
    api::ApiServerOptions m_options;
    std::unique_ptr<api::ApiServer> m_server;
    std::unique_ptr<SchemaChecker> m_schema;
    HttpClient m_client;
    HttpClient m_anonymous;
};

} // namespace qd::test
