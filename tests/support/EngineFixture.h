#pragma once

// The engine in the test's own process, wired the way a QueueDeck process wires it.

#include "core/config/Config.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace qd {
class ActionEngine;
class AuditLog;
class ConfigFile;
class Manager;
} // namespace qd

namespace qd::test {

// The configuration is written to config.json in a temporary folder and loaded back from it
// (so whatever the engine saves lands there, and the test reads it the way an operator
// would), then the Manager, the audit log (in the same folder unless the config names one)
// and the action engine are built on it. Polling starts only when the test says so.
class EngineFixture final {
public:
    explicit EngineFixture(Config config);
    // Waits for running actions, then takes the engine down in the reverse order of build().
    ~EngineFixture();
    EngineFixture(const EngineFixture&) = delete;
    EngineFixture& operator=(const EngineFixture&) = delete;

    // The configuration build() writes; change it before build().
    Config& config() { return m_config; }
    // Writes and loads the config file and builds the engine: false + *error when it cannot.
    bool build(QString* error);
    bool built() const { return m_manager != nullptr; }

    QString dir() const { return m_dir.path(); }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    QString configPath() const { return filePath(QStringLiteral("config.json")); }

    Manager& manager() { return *m_manager; }
    ActionEngine& actions() { return *m_actions; }
    AuditLog& audit() { return *m_audit; }

private:
    QTemporaryDir m_dir;
    Config m_config;
    std::unique_ptr<ConfigFile> m_file;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ActionEngine> m_actions;
};

} // namespace qd::test
