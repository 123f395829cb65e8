#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace qd::app {

// What the command line asked for; shared by queuedeck and queuedeck-server.
struct CommandLineOptions {
    QString configPath; // empty: the default path
    bool configGiven = false;
    QString listen; // empty: api.listen from the config
    bool headless = false;
    bool checkConfig = false;
    bool verbose = false;
    bool textLog = false; // --log-format text: readable lines instead of JSON (headless)
    QString detect; // --detect: an endpoint or a configured cluster's name; empty: not asked
    bool json = false; // --json: --detect prints JSON instead of text
};

struct CommandLineResult {
    std::optional<CommandLineOptions> options; // nullopt: exit with exitCode
    int exitCode = 0;
};

// Parses argv with QCommandLineParser. --help and --version print and ask to exit 0; an
// unknown option or a bad value prints the reason and asks to exit 2. withHeadless adds
// --headless (the desktop binary only; the server is always headless).
CommandLineResult parseCommandLine(const QStringList& arguments, bool withHeadless);

// True when argv asks for --headless (checked before any QApplication exists, because the
// choice between QApplication and QCoreApplication must be made first).
bool wantsHeadless(int argc, char** argv);

// --check-config: loads and validates, prints every problem with its JSON path, returns the
// process exit code (0: no errors; warnings alone still pass).
int runConfigCheck(const CommandLineOptions& options);

} // namespace qd::app
