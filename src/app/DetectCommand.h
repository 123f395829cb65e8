#pragma once

namespace qd::app {

struct CommandLineOptions;

// --detect ENDPOINT: reads which queue systems keep keys there (never writes), prints the
// report as text or, with --json, as one JSON object, and returns the process exit code: 0
// when a system was found, 1 when none was, 2 for an endpoint that does not parse, 3 when
// Redis could not be read. ENDPOINT may also name a cluster of the configuration, whose
// connection settings (mode, TLS, credentials) are then used.
int runDetect(const CommandLineOptions& options);

} // namespace qd::app
