#include "ApiHarness.h"

#include "api/ApiServer.h"
#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/config/ConfigWriter.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"

#include <QFile>
#include <QJsonDocument>

using namespace std::chrono_literals;

namespace qd::test {

ClusterConfig apiTestCluster(const QString& name, const QString& endpoint)
{
    ClusterConfig c;
    c.name = name;
    c.label = name.toUpper();
    c.color = QStringLiteral("green");
    c.endpoint = endpoint;
    return c;
}

Config apiTestConfig(const QList<ClusterConfig>& clusters)
{
    Config config;
    config.clusters = clusters;
    config.polling = PollingConfig {300ms, 50ms, 250ms, true};
    config.cache.ttl = 300ms;
    config.api.token = QString::fromLatin1(kTestToken);
    return config;
}

ApiHarness::ApiHarness(Config config, api::ApiServerOptions options)
    : m_config(std::move(config)), m_options(std::move(options))
{
    m_client.setToken(kTestToken);
}

ApiHarness::~ApiHarness()
{
    m_server.reset();
    if (m_actions)
        m_actions->waitForIdle();
    m_actions.reset();
    m_manager.reset();
    m_audit.reset();
}

bool ApiHarness::start(QString* error, bool poll)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (m_config.audit.path.isEmpty())
        m_config.audit.path = m_dir.filePath(QStringLiteral("audit.sqlite"));
    if (m_options.dataDirectory.isEmpty())
        m_options.dataDirectory = m_dir.filePath(QStringLiteral("data"));
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(ConfigWriter::toJson(m_config)).toJson()) < 0) {
        *error = QStringLiteral("cannot write ") + configPath();
        return false;
    }
    file.close();
    m_file = std::make_unique<ConfigFile>(configPath());
    const ConfigReadResult loaded = m_file->load(false);
    if (!loaded.ok()) {
        QStringList lines;
        for (const ConfigIssue& issue : loaded.issues)
            lines.append(issue.toString());
        *error = lines.join(u'\n');
        return false;
    }
    m_manager = std::make_unique<Manager>(loaded.config);
    m_manager->setConfigFile(m_file.get());
    m_audit = std::make_unique<AuditLog>(loaded.config.audit.path);
    m_actions = std::make_unique<ActionEngine>(*m_manager, m_audit.get());
    m_server = std::make_unique<api::ApiServer>(*m_manager, *m_actions, *m_audit, m_options);
    if (!m_server->start(QStringLiteral("127.0.0.1:0"), error))
        return false;
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    m_client.setBase(base);
    m_anonymous.setBase(base);
    const HttpResponse document = m_anonymous.get(QStringLiteral("/api/v1/openapi.json"));
    if (document.status != 200) {
        *error = QStringLiteral("openapi.json: ") + QString::fromUtf8(document.describe());
        return false;
    }
    m_schema = std::make_unique<SchemaChecker>(document.object());
    if (poll)
        m_manager->start();
    return true;
}

quint16 ApiHarness::port() const
{
    return m_server->port();
}

QStringList ApiHarness::conformance(
    const QString& method, const QString& pathTemplate, const HttpResponse& response) const
{
    const QJsonDocument json = response.json();
    const QJsonValue body = json.isArray() ? QJsonValue(json.array())
        : json.isObject()                  ? QJsonValue(json.object())
                                           : QJsonValue(QJsonValue::Undefined);
    return m_schema->checkResponse(method, pathTemplate, response.status, body);
}

} // namespace qd::test
