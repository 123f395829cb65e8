#pragma once

#include "app/CommandLine.h"
#include "core/config/ConfigReader.h"

#include <QObject>

#include <memory>

namespace qd {
class ActionEngine;
class AuditLog;
class ConfigFile;
class Manager;
} // namespace qd

namespace qd::app {

// Builds and owns the engine one process runs, whether it shows a window or not: the config
// file, the Manager, the audit log and the action engine (and the API when started). The
// desktop app and the headless server both start from here, so they cannot drift apart.
class EngineHost final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHost)

public:
    explicit EngineHost(QObject* parent = nullptr);
    ~EngineHost() override;

    // Loads the configuration the options name and builds the engine. On failure returns
    // false, with every problem in issues() (config errors) or error() (audit log, …).
    bool open(const CommandLineOptions& options);
    const QList<ConfigIssue>& issues() const { return m_issues; }
    const QString& error() const { return m_error; }

    // Starts polling.
    void start();
    // Asks running actions to stop and waits briefly; anything still running is marked
    // interrupted on the next start.
    void shutdown();

    ConfigFile& configFile() { return *m_configFile; }
    Manager& manager() { return *m_manager; }
    ActionEngine& actions() { return *m_actions; }
    AuditLog& audit() { return *m_audit; }
    const CommandLineOptions& options() const { return m_options; }

private:
    CommandLineOptions m_options;
    QList<ConfigIssue> m_issues;
    QString m_error;
    std::unique_ptr<ConfigFile> m_configFile;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ActionEngine> m_actions;
};

} // namespace qd::app
