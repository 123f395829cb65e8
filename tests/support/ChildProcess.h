#pragma once

#include <QtGlobal>

class QProcess;

namespace qd::test {

// Process helpers shared by the fixtures and by tests that spawn helper processes.
namespace ChildProcess {

// Makes the child die with the test: PR_SET_PDEATHSIG(SIGKILL) (set in the child between fork
// and exec) and its own process group, so stopping it also reaches anything it forked and a
// Ctrl-C in the terminal does not race the fixture's orderly stop.
void tieToTestProcess(QProcess& process);

// True when pid no longer runs: no such process, or a zombie nobody has reaped yet (the case
// when its parent was killed and the reaper is slow or absent in a container).
bool isGone(qint64 pid);

} // namespace ChildProcess
} // namespace qd::test
