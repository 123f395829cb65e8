#include "app/EngineHost.h"

#include "api/ApiServer.h"
#include "core/actions/ActionEngine.h"
#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/Log.h"

#include <cstdio>

namespace qd::app {

EngineHost::EngineHost(QObject* parent) : QObject(parent)
{
}

EngineHost::~EngineHost()
{
    // The API serves the action engine, which refers to the manager and the audit log: they go
    // in that order.
    m_api.reset();
    m_actions.reset();
    m_manager.reset();
    m_audit.reset();
}

bool EngineHost::open(const CommandLineOptions& options)
{
    m_options = options;
    m_configFile = std::make_unique<ConfigFile>(options.configPath);
    const ConfigReadResult loaded = m_configFile->load(!options.configGiven);
    m_issues = loaded.issues;
    if (!loaded.ok())
        return false;
    const Config& config = loaded.config;
    for (const ClusterConfig& cluster : config.clusters)
        log::addSecret(cluster.effectivePassword());
    log::addSecret(config.api.token);
    try {
        m_manager = std::make_unique<Manager>(config);
        m_manager->setConfigFile(m_configFile.get());
        m_audit = std::make_unique<AuditLog>(
            config.audit.path.isEmpty() ? AuditLog::defaultPath() : config.audit.path);
        m_actions = std::make_unique<ActionEngine>(*m_manager, m_audit.get());
    } catch (const QueueDeckError& e) {
        m_error = e.message();
        return false;
    }
    return true;
}

void EngineHost::start()
{
    m_manager->start();
}

bool EngineHost::startApi(QString* error)
{
    const QString listen
        = m_options.listen.isEmpty() ? m_manager->config().api.listen : m_options.listen;
    m_api = std::make_unique<api::ApiServer>(*m_manager, *m_actions, *m_audit);
    if (!m_api->start(listen, error)) {
        m_api.reset();
        return false;
    }
    if (m_api->auth()->generated()) {
        // Once, on the start that created it: the log filters secrets, so it goes to stdout.
        const QString line = QStringLiteral("QueueDeck API token (saved in %1): %2\n")
                                 .arg(m_api->auth()->file(), m_api->auth()->token());
        std::fputs(line.toLocal8Bit().constData(), stdout);
        std::fflush(stdout);
    }
    return true;
}

void EngineHost::shutdown()
{
    // No new requests; waiting ones get the actions' state as it is now.
    if (m_api)
        m_api->stop();
    if (m_actions)
        m_actions->shutdown();
}

} // namespace qd::app
