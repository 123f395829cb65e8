#include "support/RedisCli.h"

#include "support/ChildProcess.h"

#include <QProcess>

namespace qd::test {

RedisCli::Result RedisCli::run(const QStringList& args, int timeoutMs)
{
    Result result;
    QProcess process;
    ChildProcess::tieToTestProcess(process);
    process.start(QStringLiteral("redis-cli"), args);
    if (!process.waitForStarted(timeoutMs)) {
        // No skip on purpose: scripts/setup installs redis-tools, a missing binary is a bug.
        result.err = "cannot run redis-cli: " + process.errorString().toUtf8();
        return result;
    }
    process.closeWriteChannel(); // commands come from args; never block reading stdin
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        result.err = "redis-cli timed out after " + QByteArray::number(timeoutMs)
            + " ms: " + args.join(u' ').toUtf8();
        return result;
    }
    result.out = process.readAllStandardOutput().trimmed();
    result.err = process.readAllStandardError().trimmed();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace qd::test
