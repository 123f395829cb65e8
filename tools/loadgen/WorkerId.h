#pragma once

#include <QString>

namespace qd::loadgen {

// Worker ids in the upstream's format, <host>-<pid>-<unixnano>-<4hex>-<n>, so QueueDeck (and
// any other tool of the ecosystem) reads loadgen's workers exactly like real ones.
namespace workerid {

// n is the worker's index in this process.
QString make(int n);

} // namespace workerid
} // namespace qd::loadgen
