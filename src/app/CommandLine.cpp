#include "app/CommandLine.h"

#include "app/EngineHost.h"
#include "core/config/ConfigFile.h"
#include "core/util/Log.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>
#include <cstring>

namespace qd::app {
namespace {

void printErr(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
}

void printOut(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
}

// Every option of both binaries, declared once so parsing and reading name the same objects.
struct DeclaredOptions {
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption config;
    QCommandLineOption headless;
    QCommandLineOption listen;
    QCommandLineOption check;
    QCommandLineOption verbose;
    QCommandLineOption logFormat;
    QCommandLineOption detect;
    QCommandLineOption json;
};

DeclaredOptions declareOptions(QCommandLineParser& parser, bool withHeadless)
{
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    DeclaredOptions declared {help, version,
        QCommandLineOption({QStringLiteral("c"), QStringLiteral("config")},
            QCoreApplication::translate("main", "Read the configuration from FILE (default: %1).")
                .arg(ConfigFile::defaultPath()),
            QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("headless"),
            QCoreApplication::translate(
                "main", "Run without a window: engine, REST API and metrics only.")),
        QCommandLineOption(QStringLiteral("listen"),
            QCoreApplication::translate(
                "main", "Serve the API on ADDR:PORT (default: api.listen, 127.0.0.1:7420)."),
            QStringLiteral("ADDR:PORT")),
        QCommandLineOption(QStringLiteral("check-config"),
            QCoreApplication::translate(
                "main", "Validate the configuration, print every problem and exit.")),
        QCommandLineOption(
            QStringLiteral("verbose"), QCoreApplication::translate("main", "Log debug detail.")),
        QCommandLineOption(QStringLiteral("log-format"),
            QCoreApplication::translate(
                "main", "Headless log lines as json (the default) or text."),
            QStringLiteral("FORMAT")),
        QCommandLineOption(QStringLiteral("detect"),
            QCoreApplication::translate("main",
                "Report which queue systems keep keys at ENDPOINT (host:port, a redis:// URL or "
                "the name of a configured cluster), change nothing and exit: 0 when one was "
                "found, 1 when none, 2 for a bad endpoint, 3 when Redis cannot be read."),
            QStringLiteral("ENDPOINT")),
        QCommandLineOption(QStringLiteral("json"),
            QCoreApplication::translate("main", "With --detect: print the report as JSON."))};
    // The order of --help's list.
    parser.addOption(declared.config);
    parser.addOption(declared.logFormat);
    if (withHeadless)
        parser.addOption(declared.headless);
    parser.addOption(declared.listen);
    parser.addOption(declared.check);
    parser.addOption(declared.detect);
    parser.addOption(declared.json);
    parser.addOption(declared.verbose);
    return declared;
}

// --help, --version and a stray argument end the run before anything starts: returns the
// exit code then (after printing), nullopt otherwise.
std::optional<int> answeredWithoutRunning(
    const QCommandLineParser& parser, const DeclaredOptions& declared)
{
    if (parser.isSet(declared.help)) {
        printOut(parser.helpText());
        return 0;
    }
    if (parser.isSet(declared.version)) {
        printOut(
            QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion());
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QCoreApplication::translate("main", "Unexpected argument: %1")
                     .arg(parser.positionalArguments().constFirst()));
        return 2;
    }
    return std::nullopt;
}

// The checked values: each prints the reason and returns false when its value is malformed.
bool readLogFormat(
    const QCommandLineParser& parser, const DeclaredOptions& declared, CommandLineOptions& options)
{
    if (!parser.isSet(declared.logFormat))
        return true;
    const QString format = parser.value(declared.logFormat);
    if (format != u"json" && format != u"text") {
        printErr(QCoreApplication::translate("main", "--log-format: \"%1\" is not json or text")
                     .arg(format));
        return false;
    }
    options.textLog = format == u"text";
    return true;
}

bool readListen(
    const QCommandLineParser& parser, const DeclaredOptions& declared, CommandLineOptions& options)
{
    if (!parser.isSet(declared.listen))
        return true;
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\[[0-9a-fA-F:.]+\]|[^:\[\]]+):(\d{1,5})$)"));
    const QString value = parser.value(declared.listen);
    const auto match = pattern.match(value);
    if (!match.hasMatch() || match.captured(2).toInt() > 65535) {
        printErr(
            QCoreApplication::translate("main", "--listen: \"%1\" is not ADDR:PORT").arg(value));
        return false;
    }
    options.listen = value;
    return true;
}

} // namespace

bool wantsHeadless(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "--check-config") == 0
            || std::strcmp(argv[i], "--detect") == 0 || std::strncmp(argv[i], "--detect=", 9) == 0
            || std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0
            || std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

CommandLineResult parseCommandLine(const QStringList& arguments, bool withHeadless)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Watch and operate Redis-backed work queues across many Redis deployments."));
    const DeclaredOptions declared = declareOptions(parser, withHeadless);

    CommandLineResult result;
    if (!parser.parse(arguments)) {
        printErr(parser.errorText());
        printErr(QCoreApplication::translate("main", "Try --help."));
        result.exitCode = 2;
        return result;
    }
    if (const std::optional<int> exitCode = answeredWithoutRunning(parser, declared)) {
        result.exitCode = *exitCode;
        return result;
    }
    CommandLineOptions options;
    options.configGiven = parser.isSet(declared.config);
    options.configPath
        = options.configGiven ? parser.value(declared.config) : ConfigFile::defaultPath();
    options.headless = withHeadless ? parser.isSet(declared.headless) : true;
    options.checkConfig = parser.isSet(declared.check);
    options.verbose = parser.isSet(declared.verbose);
    options.detect = parser.value(declared.detect).trimmed();
    options.json = parser.isSet(declared.json);
    if (parser.isSet(declared.detect) && options.detect.isEmpty()) {
        printErr(
            QCoreApplication::translate("main", "--detect: give an endpoint or a cluster name"));
        result.exitCode = 2;
        return result;
    }
    if (options.json && !parser.isSet(declared.detect)) {
        printErr(QCoreApplication::translate("main", "--json goes with --detect"));
        result.exitCode = 2;
        return result;
    }
    if (!readLogFormat(parser, declared, options) || !readListen(parser, declared, options)) {
        result.exitCode = 2;
        return result;
    }
    result.options = options;
    return result;
}

int runConfigCheck(const CommandLineOptions& options)
{
    ConfigFile file(options.configPath);
    if (!file.exists() && !options.configGiven) {
        printOut(QCoreApplication::translate("main",
            "%1 does not exist; the built-in default "
            "(one cluster at 127.0.0.1:6379) would be used.")
                     .arg(options.configPath));
        return 0;
    }
    const ConfigReadResult result = file.load(false);
    registerSecrets(result.config);
    int errors = 0;
    for (const ConfigIssue& issue : result.issues) {
        const QString kind = issue.isError() ? QStringLiteral("error") : QStringLiteral("warning");
        // Through the log's secret filter: a message may quote an endpoint with its password.
        printErr(
            QString::fromStdString(log::redact(QStringLiteral("%1: %2: %3")
                                                   .arg(options.configPath, kind, issue.toString())
                                                   .toStdString())));
        errors += issue.isError() ? 1 : 0;
    }
    if (errors > 0) {
        printErr(QCoreApplication::translate(
            "main", "%n error(s); the configuration is not usable.", nullptr, errors));
        return 1;
    }
    printOut(QCoreApplication::translate(
        "main", "%1: OK (%n cluster(s))", nullptr, static_cast<int>(result.config.clusters.size()))
                 .arg(options.configPath));
    return 0;
}

} // namespace qd::app
