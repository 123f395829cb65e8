#include "app/EngineHost.h"

#include "api/ApiServer.h"
#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/telemetry/Telemetry.h"
#include "core/util/Log.h"

#include <QCoreApplication>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qd::app {

EngineHost::EngineHost(QObject* parent) : QObject(parent)
{
#if defined(__GLIBC__)
    // glibc gives threads up to 8 malloc arenas per core, and each keeps what it once held. The
    // poll pool's threads (up to 256 for a large fleet) allocate replies there that the main
    // thread frees, which left about 10 MiB resident in each of 15 arenas on a 2-core machine
    // polling 2000 clusters. Two arenas cost no measurable CPU there and saved about 20 MiB
    // (docs/benchmarks.md). MALLOC_ARENA_MAX, when set, is the operator's choice and stays.
    if (std::getenv("MALLOC_ARENA_MAX") == nullptr)
        mallopt(M_ARENA_MAX, 2);
#endif
}

void registerSecrets(const Config& config)
{
    for (const ClusterConfig& cluster : config.clusters) {
        log::addSecret(cluster.password);
        log::addSecret(cluster.effectivePassword());
        // "redis://user:password@host…", also when the rest of the URL does not parse.
        const qsizetype scheme = cluster.endpoint.indexOf(QStringLiteral("://"));
        const qsizetype at = cluster.endpoint.lastIndexOf(u'@');
        if (scheme >= 0 && at > scheme) {
            const QString userInfo = cluster.endpoint.mid(scheme + 3, at - scheme - 3);
            const qsizetype colon = userInfo.indexOf(u':');
            log::addSecret(colon >= 0 ? userInfo.mid(colon + 1) : userInfo);
            log::addSecret(QUrl::fromPercentEncoding(
                (colon >= 0 ? userInfo.mid(colon + 1) : userInfo).toUtf8()));
        }
    }
    log::addSecret(config.api.token);
    for (const QString& token : config.api.readTokens)
        log::addSecret(token);
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
    // Before anything can complain about the file: a problem report may quote an endpoint
    // (with its password) or a field next to a secret, and must not show them.
    registerSecrets(loaded.config);
    if (!loaded.ok())
        return false;
    const Config& config = loaded.config;
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
    // Before the first poll, so it can be traced; the configuration is read once.
    telemetry::start(telemetry::resolveSettings(m_manager->config().tracing,
        QCoreApplication::applicationName(), telemetry::processEnvironment()));
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
    // The spans of the last moments, without holding up the exit for long.
    telemetry::shutdown(std::chrono::milliseconds(2000));
}

} // namespace qd::app
