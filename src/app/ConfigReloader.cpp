#include "app/ConfigReloader.h"

#include "app/EngineHost.h"
#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/Log.h"

#include <QStringList>

namespace qd::app {
namespace {

// The fields of a cluster that differ, by their names in the file. Values stay out of the log:
// some of them are secrets.
QStringList changedFields(const ClusterConfig& before, const ClusterConfig& after)
{
    QStringList fields;
    const auto note = [&fields](bool differs, const char* name) {
        if (differs)
            fields.append(QLatin1StringView(name));
    };
    note(before.label != after.label, "label");
    note(before.color != after.color, "color");
    note(before.endpoint != after.endpoint, "endpoint");
    note(before.username != after.username, "username");
    note(before.password != after.password, "password");
    note(before.passwordEnv != after.passwordEnv, "password_env");
    note(before.db != after.db, "db");
    note(before.enabled != after.enabled, "enabled");
    note(before.readOnly != after.readOnly, "read_only");
    note(before.mode != after.mode, "mode");
    note(before.seeds != after.seeds, "seeds");
    note(before.sentinelMaster != after.sentinelMaster, "sentinel_master");
    note(before.tls != after.tls, "tls");
    note(before.queueSystem != after.queueSystem, "queue_system");
    note(before.unknownFields != after.unknownFields, "unknown fields");
    return fields;
}

// Runtime changes through the Manager save the file; a reload applies what the file already
// says, so saving stays off until the apply is over, whatever happens in between.
class SavingSuspended final {
    Q_DISABLE_COPY_MOVE(SavingSuspended)

public:
    SavingSuspended(Manager& manager, ConfigFile& file) : m_manager(manager), m_file(file)
    {
        m_manager.setConfigFile(nullptr);
    }
    ~SavingSuspended() { m_manager.setConfigFile(&m_file); }

private:
    Manager& m_manager;
    ConfigFile& m_file;
};

} // namespace

ConfigReloader::ConfigReloader(ConfigFile& file, Manager& manager, bool allowMissing)
    : m_file(file), m_manager(manager), m_allowMissing(allowMissing), m_loaded(manager.config())
{
    spdlog::debug("config reload: SIGHUP re-reads {}", log::s(m_file.path()));
}

bool ConfigReloader::reload()
{
    const std::string path = log::s(m_file.path());
    spdlog::info("config reload: reading {}", path);
    const ConfigReadResult loaded = m_file.load(m_allowMissing);
    // Before the problems are logged: they may quote an endpoint with its password.
    registerSecrets(loaded.config);
    for (const ConfigIssue& issue : loaded.issues) {
        if (issue.isError())
            spdlog::error("config reload: {}: {}", path, log::s(issue.toString()));
        else
            spdlog::warn("config reload: {}: {}", path, log::s(issue.toString()));
    }
    if (!loaded.ok()) {
        spdlog::error("config reload: {} has errors; keeping the running configuration", path);
        return false;
    }
    const Config& next = loaded.config;

    applyClusters(next);
    reportRestartOnlyChanges(next);
    m_loaded = next;
    spdlog::info("config reload: done, {} cluster(s)", m_manager.clusterNames().size());
    return true;
}

void ConfigReloader::applyClusters(const Config& next)
{
    const SavingSuspended suspended(m_manager, m_file);
    // Additions first and removals last: every step in between is then a valid configuration
    // (removing the only cluster before adding its successor would not be).
    for (const ClusterConfig& cluster : next.clusters) {
        const ClusterConfig* current = m_manager.config().cluster(cluster.name);
        try {
            if (!current) {
                m_manager.addCluster(cluster);
                spdlog::info("config reload: cluster {} added", log::s(cluster.name));
            } else if (*current != cluster) {
                const QStringList fields = changedFields(*current, cluster);
                m_manager.updateCluster(cluster.name, cluster);
                spdlog::info("config reload: cluster {} changed ({})", log::s(cluster.name),
                    log::s(fields.join(QStringLiteral(", "))));
            }
        } catch (const QueueDeckError& e) {
            spdlog::error(
                "config reload: cluster {} not applied: {}", log::s(cluster.name), e.what());
        }
    }
    for (const QString& name : m_manager.clusterNames()) {
        if (next.cluster(name))
            continue;
        try {
            m_manager.removeCluster(name);
            spdlog::info("config reload: cluster {} removed", log::s(name));
        } catch (const QueueDeckError& e) {
            spdlog::error("config reload: cluster {} not removed: {}", log::s(name), e.what());
        }
    }
}

void ConfigReloader::reportRestartOnlyChanges(const Config& next) const
{
    QStringList blocks;
    const auto note = [&blocks](bool differs, const char* name) {
        if (differs)
            blocks.append(QLatin1StringView(name));
    };
    note(m_loaded.defaultCluster != next.defaultCluster, "default_cluster");
    note(m_loaded.polling != next.polling, "polling");
    note(m_loaded.compareMode != next.compareMode, "compare_mode");
    note(m_loaded.actions != next.actions, "actions");
    note(m_loaded.cache != next.cache, "cache");
    note(m_loaded.health != next.health, "health");
    note(m_loaded.api != next.api, "api");
    note(m_loaded.audit != next.audit, "audit");
    if (!blocks.isEmpty())
        spdlog::warn("config reload: {} changed in the file; applied at the next restart",
            log::s(blocks.join(QStringLiteral(", "))));
}

} // namespace qd::app
