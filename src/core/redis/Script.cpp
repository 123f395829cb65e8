#include "core/redis/Script.h"

#include <QCryptographicHash>

namespace qd::redis {

Script::Script(QByteArray body)
    : m_body(std::move(body))
    , m_sha1(QCryptographicHash::hash(m_body, QCryptographicHash::Sha1).toHex())
{
}

Command Script::call(qint64 numkeys) const
{
    Command command {QByteArrayLiteral("EVALSHA"), m_sha1};
    command.arg(numkeys);
    command.m_script = this;
    return command;
}

} // namespace qd::redis
