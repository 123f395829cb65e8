#pragma once

#include "app/CommandLine.h"

namespace qd::app {

// Runs QueueDeck without a window (queuedeck --headless and queuedeck-server): loads the
// configuration, logs JSON lines, and serves until SIGTERM/SIGINT. Returns the exit code.
// Needs a QCoreApplication (or QApplication) to exist.
int runHeadless(const CommandLineOptions& options);

} // namespace qd::app
