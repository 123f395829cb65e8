// queuedeck: the desktop application; with --headless the same engine without a display.

#include "app/CommandLine.h"
#include "app/DetectCommand.h"
#include "app/EngineHost.h"
#include "app/HeadlessRunner.h"
#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/util/Log.h"
#include "gui/KeychainPasswordStore.h"
#include "gui/MainWindow.h"
#include "gui/MessageBox.h"
#include "gui/Translations.h"

#include <QApplication>
#include <QLocale>
#include <QScopeGuard>

#include <memory>

namespace {

void describe(QCoreApplication& app)
{
    Q_UNUSED(app);
    QCoreApplication::setApplicationName(QStringLiteral("queuedeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("QueueDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QD_VERSION));
}

int runDesktop(const qd::app::CommandLineOptions& options)
{
    qd::log::setup(
        qd::log::Format::Text, options.verbose ? spdlog::level::debug : spdlog::level::info);
    // Before the config is loaded: passwords kept in the system keychain are read while it
    // loads, so the engine connects with them from its first poll.
    qd::gui::KeychainPasswordStore keychain;
    qd::PasswordStore::install(&keychain);
    const auto uninstall = qScopeGuard([] { qd::PasswordStore::install(nullptr); });
    qd::app::EngineHost host;
    if (!host.open(options)) {
        QStringList lines;
        for (const qd::ConfigIssue& issue : host.issues())
            lines.append(issue.toString());
        if (!host.error().isEmpty())
            lines.append(host.error());
        qd::gui::MessageBox::critical(nullptr, QApplication::translate("main", "QueueDeck"),
            QApplication::translate("main", "QueueDeck cannot start with %1:\n\n%2")
                .arg(options.configPath, lines.join(u'\n')));
        return 1;
    }
    // The window connects to the engine before polling starts, so it misses no first poll.
    qd::gui::MainWindow window(host.manager(), host.actions(), &host.audit());
    window.setPaths(
        host.configFile().exists() ? options.configPath : QString(), host.audit().path());
    host.start();
    // The desktop keeps running without its API (e.g. a headless instance holds the port).
    if (QString apiError; !host.startApi(&apiError))
        spdlog::error("API not started: {}", qd::log::s(apiError));
    window.show();
    const int code = QApplication::exec();
    host.shutdown();
    return code;
}

} // namespace

int main(int argc, char** argv)
{
    // The choice between a GUI and a core application must be made before either exists:
    // headless mode (and --help/--version/--check-config) must work with no display at all.
    if (qd::app::wantsHeadless(argc, argv)) {
        QCoreApplication app(argc, argv);
        describe(app);
        const auto parsed = qd::app::parseCommandLine(QCoreApplication::arguments(), true);
        if (!parsed.options)
            return parsed.exitCode;
        if (parsed.options->checkConfig)
            return qd::app::runConfigCheck(*parsed.options);
        if (!parsed.options->detect.isEmpty())
            return qd::app::runDetect(*parsed.options);
        return qd::app::runHeadless(*parsed.options);
    }
    QApplication app(argc, argv);
    describe(app);
    qd::gui::Translations::install(app, QLocale());
    const auto parsed = qd::app::parseCommandLine(QCoreApplication::arguments(), true);
    if (!parsed.options)
        return parsed.exitCode;
    return runDesktop(*parsed.options);
}
