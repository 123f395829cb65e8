// queuedeck: the desktop application; with --headless the same engine without a display.

#include "app/CommandLine.h"
#include "app/HeadlessRunner.h"
#include "core/config/ConfigFile.h"
#include "core/util/Log.h"
#include "gui/MainWindow.h"

#include <QApplication>
#include <QMessageBox>

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
    qd::ConfigFile file(options.configPath);
    const qd::ConfigReadResult loaded = file.load(!options.configGiven);
    if (!loaded.ok()) {
        QStringList lines;
        for (const qd::ConfigIssue& issue : loaded.issues)
            lines.append(issue.toString());
        QMessageBox::critical(nullptr, QApplication::translate("main", "QueueDeck"),
            QApplication::translate("main", "The configuration %1 has problems:\n\n%2")
                .arg(options.configPath, lines.join(u'\n')));
        return 1;
    }
    qd::gui::MainWindow window(loaded.config);
    window.show();
    return QApplication::exec();
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
        return qd::app::runHeadless(*parsed.options);
    }
    QApplication app(argc, argv);
    describe(app);
    const auto parsed = qd::app::parseCommandLine(QCoreApplication::arguments(), true);
    if (!parsed.options)
        return parsed.exitCode;
    return runDesktop(*parsed.options);
}
