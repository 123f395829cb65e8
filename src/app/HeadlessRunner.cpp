#include "app/HeadlessRunner.h"

#include "app/SignalWatcher.h"
#include "core/config/ConfigFile.h"
#include "core/util/Log.h"

#include <QCoreApplication>

namespace qd::app {

int runHeadless(const CommandLineOptions& options)
{
    log::setup(log::Format::Json, options.verbose ? spdlog::level::debug : spdlog::level::info);
    ConfigFile file(options.configPath);
    const ConfigReadResult loaded = file.load(!options.configGiven);
    for (const ConfigIssue& issue : loaded.issues) {
        if (issue.isError())
            spdlog::error("config {}: {}", log::s(options.configPath), log::s(issue.toString()));
        else
            spdlog::warn("config {}: {}", log::s(options.configPath), log::s(issue.toString()));
    }
    if (!loaded.ok()) {
        spdlog::critical("invalid configuration {}; not starting", log::s(options.configPath));
        return 1;
    }
    const Config& config = loaded.config;
    for (const ClusterConfig& cluster : config.clusters) {
        log::addSecret(cluster.effectivePassword());
    }
    log::addSecret(config.api.token);
    spdlog::info("QueueDeck {} headless, config {}, {} cluster(s)",
        log::s(QCoreApplication::applicationVersion()),
        log::s(file.exists() ? options.configPath : QStringLiteral("(built-in default)")),
        config.clusters.size());

    SignalWatcher watcher;
    int exitCode = 0;
    QObject::connect(&watcher, &SignalWatcher::terminateRequested, QCoreApplication::instance(),
        [&exitCode](int number) {
            spdlog::info("signal {} received, shutting down", number);
            exitCode = 0;
            QCoreApplication::quit();
        });
    QCoreApplication::exec();
    spdlog::info("stopped");
    return exitCode;
}

} // namespace qd::app
