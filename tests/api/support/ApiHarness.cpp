#include "ApiHarness.h"

#include "api/ApiServer.h"
#include "core/engine/Manager.h"

#include <QJsonDocument>

namespace qd::test {

ApiHarness::ApiHarness(Config config, api::ApiServerOptions options)
    : m_engine(std::move(config)), m_options(std::move(options))
{
    if (m_engine.config().api.token.isEmpty())
        m_engine.config().api.token = QString::fromLatin1(kTestToken);
    m_client.setToken(kTestToken);
}

ApiHarness::~ApiHarness()
{
    // The API goes first: nothing may reach the engine while it is taken down.
    m_server.reset();
}

bool ApiHarness::start(QString* error, bool poll)
{
    if (m_options.dataDirectory.isEmpty())
        m_options.dataDirectory = m_engine.filePath(QStringLiteral("data"));
    if (!m_engine.build(error))
        return false;
    m_server = std::make_unique<api::ApiServer>(manager(), actions(), audit(), m_options);
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
        manager().start();
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
