#include "app/HeadlessRunner.h"

#include "app/ConfigReloader.h"
#include "app/EngineHost.h"
#include "app/SignalWatcher.h"
#include "core/config/ConfigFile.h"
#include "core/engine/Manager.h"
#include "core/util/Log.h"

#include <QCoreApplication>

namespace qd::app {

int runHeadless(const CommandLineOptions& options)
{
    log::setup(options.textLog ? log::Format::Text : log::Format::Json,
        options.verbose ? spdlog::level::debug : spdlog::level::info);
    EngineHost host;
    const bool opened = host.open(options);
    for (const ConfigIssue& issue : host.issues()) {
        if (issue.isError())
            spdlog::error("config {}: {}", log::s(options.configPath), log::s(issue.toString()));
        else
            spdlog::warn("config {}: {}", log::s(options.configPath), log::s(issue.toString()));
    }
    if (!opened) {
        if (!host.error().isEmpty())
            spdlog::critical("{}", log::s(host.error()));
        spdlog::critical("cannot start with configuration {}", log::s(options.configPath));
        return 1;
    }
    spdlog::info("QueueDeck {} headless, config {}, {} cluster(s)",
        log::s(QCoreApplication::applicationVersion()),
        log::s(
            host.configFile().exists() ? options.configPath : QStringLiteral("(built-in default)")),
        host.manager().clusterNames().size());

    SignalWatcher watcher;
    QObject::connect(
        &watcher, &SignalWatcher::terminateRequested, QCoreApplication::instance(), [](int number) {
            spdlog::info("signal {} received, shutting down", number);
            QCoreApplication::quit();
        });
    // SIGHUP (systemctl reload): re-read the file; one with errors leaves everything as it is.
    ConfigReloader reloader(host.configFile(), host.manager(), !options.configGiven);
    QObject::connect(
        &watcher, &SignalWatcher::reloadRequested, &watcher, [&reloader] { reloader.reload(); });
    // The engine first, so the API's first answers already know every cluster; a port that is
    // taken still ends the process before its event loop runs.
    host.start();
    QString apiError;
    if (!host.startApi(&apiError)) {
        spdlog::critical("cannot start the API: {}", log::s(apiError));
        host.shutdown();
        return 1;
    }
    QCoreApplication::exec();
    host.shutdown();
    spdlog::info("stopped");
    return 0;
}

} // namespace qd::app
