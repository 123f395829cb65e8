#include "loadgen/WorkerId.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSysInfo>

#include <chrono>

namespace qd::loadgen::workerid {

using namespace Qt::StringLiterals;

QString make(int n)
{
    // The id is one token of a ":"-separated key; a host name never holds ":" or spaces, but
    // a container's may be odd, and the key must stay parseable.
    QString host = QSysInfo::machineHostName();
    for (QChar& c : host) {
        if (c == u':' || c.isSpace() || c == u'*')
            c = u'-';
    }
    if (host.isEmpty())
        host = u"localhost"_s;
    const auto unixNano = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch())
                              .count();
    const quint32 salt = QRandomGenerator::global()->bounded(0x10000U);
    return host + u'-' + QString::number(QCoreApplication::applicationPid()) + u'-'
        + QString::number(unixNano) + u'-' + QString::number(salt, 16).rightJustified(4, u'0')
        + u'-' + QString::number(n);
}

} // namespace qd::loadgen::workerid
