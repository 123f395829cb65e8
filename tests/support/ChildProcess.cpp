#include "support/ChildProcess.h"

#include <QFile>
#include <QProcess>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace qd::test::ChildProcess {

void tieToTestProcess(QProcess& process)
{
    const pid_t parent = ::getpid();
    // Runs in the forked child before exec: only async-signal-safe calls here.
    process.setChildProcessModifier([parent] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may have died between fork and prctl; then nobody would signal us.
        if (::getppid() != parent)
            ::_exit(127);
    });
}

bool isGone(qint64 pid)
{
    if (pid <= 0)
        return true;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    // "pid (comm) S ...": the state follows the last ')' because comm may contain one.
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && line.size() > close + 2 && line.at(close + 2) == 'Z';
}

} // namespace qd::test::ChildProcess
