// queuedeck-server: QueueDeck's engine and API without any GUI library.

#include "app/CommandLine.h"
#include "app/DetectCommand.h"
#include "app/HeadlessRunner.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("queuedeck-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("QueueDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QD_VERSION));

    const auto parsed = qd::app::parseCommandLine(QCoreApplication::arguments(), false);
    if (!parsed.options)
        return parsed.exitCode;
    if (parsed.options->checkConfig)
        return qd::app::runConfigCheck(*parsed.options);
    if (!parsed.options->detect.isEmpty())
        return qd::app::runDetect(*parsed.options);
    return qd::app::runHeadless(*parsed.options);
}
