#pragma once

#include "HttpClient.h"
#include "SchemaChecker.h"
#include "api/ApiServerOptions.h"
#include "core/config/Config.h"

#include <QTemporaryDir>

#include <memory>

namespace qd {
class ActionEngine;
class AuditLog;
class ConfigFile;
class Manager;
namespace api {
class ApiServer;
}
} // namespace qd

namespace qd::test {

inline constexpr char kTestToken[] = "test-token-0123456789abcdef";

// A cluster for tests: label and colour set, fast to poll.
ClusterConfig apiTestCluster(const QString& name, const QString& endpoint);
// A configuration that polls every 300 ms and carries kTestToken as api.token.
Config apiTestConfig(const QList<ClusterConfig>& clusters);

// The engine and its API in this process, the way EngineHost builds them: the config is
// written to a file in a temporary folder and loaded from it (so API changes are saved there),
// the audit log lives there too, and the API listens on 127.0.0.1 on a free port.
class ApiHarness final {
public:
    explicit ApiHarness(Config config, api::ApiServerOptions options = {});
    ~ApiHarness();
    ApiHarness(const ApiHarness&) = delete;
    ApiHarness& operator=(const ApiHarness&) = delete;

    // Builds the engine, starts polling (unless poll is false) and the API. false + *error.
    bool start(QString* error, bool poll = true);

    Manager& manager() { return *m_manager; }
    ActionEngine& actions() { return *m_actions; }
    AuditLog& audit() { return *m_audit; }
    api::ApiServer& server() { return *m_server; }
    quint16 port() const;
    QString configPath() const { return m_dir.filePath(QStringLiteral("config.json")); }
    QString dir() const { return m_dir.path(); }

    HttpClient& client() { return m_client; } // sends kTestToken
    HttpClient& anonymous() { return m_anonymous; } // sends no token
    // The server's own OpenAPI document (fetched at start).
    const SchemaChecker& schema() const { return *m_schema; }
    // Problems of a response against the document; empty when it conforms.
    QStringList conformance(
        const QString& method, const QString& pathTemplate, const HttpResponse& response) const;

private:
    Config m_config;
    api::ApiServerOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<ConfigFile> m_file;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ActionEngine> m_actions;
    std::unique_ptr<api::ApiServer> m_server;
    std::unique_ptr<SchemaChecker> m_schema;
    HttpClient m_client;
    HttpClient m_anonymous;
};

} // namespace qd::test
