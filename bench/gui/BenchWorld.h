#pragma once

#include "BenchServers.h"
#include "core/config/Config.h"

#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace qd {
class ActionEngine;
class AuditLog;
class Manager;
namespace gui {
class MainWindow;
}
namespace loadgen {
class LoadRunner;
}
} // namespace qd

namespace qd::bench {

// What a benchmark measures against: clusters spread over a few redis-server processes (one
// Redis database each), filled with queued jobs and dead letters, some with producers and
// workers running, and the desktop's engine and window on top of them.
class BenchWorld final {
public:
    BenchWorld();
    ~BenchWorld();
    BenchWorld(const BenchWorld&) = delete;
    BenchWorld& operator=(const BenchWorld&) = delete;

    // Starts servers, fills them, and builds the config (not the engine yet).
    bool prepare(int clusters, Millis interval, int busyClusters, QString* error);
    // Writes the config to path (a child process opens it for the start-up measurement).
    bool writeConfig(const QString& path, QString* error) const;
    // Reads a config written by writeConfig instead of preparing servers.
    bool load(const QString& path, QString* error);
    // Manager, audit log, action engine, then the window; shown; polling started.
    void open();

    const Config& config() const { return m_config; }
    // How long each part of open() took, in ms ("engine=12.3 audit=4.5 …").
    const QString& openPhases() const { return m_phases; }
    Manager& manager() { return *m_manager; }
    gui::MainWindow& window() { return *m_window; }

private:
    QTemporaryDir m_dir;
    BenchServers m_servers;
    Config m_config;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ActionEngine> m_actions;
    std::unique_ptr<gui::MainWindow> m_window;
    std::vector<std::unique_ptr<loadgen::LoadRunner>> m_load;
    QString m_phases;
};

} // namespace qd::bench
