#include "app/EngineHost.h"

#include "core/actions/ActionEngine.h"
#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/Log.h"

namespace qd::app {

EngineHost::EngineHost(QObject* parent) : QObject(parent)
{
}

EngineHost::~EngineHost()
{
    // The action engine refers to the manager and the audit log: it goes first.
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

void EngineHost::shutdown()
{
    if (m_actions)
        m_actions->shutdown();
}

} // namespace qd::app
