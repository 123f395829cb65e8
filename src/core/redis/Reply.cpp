#include "core/redis/Reply.h"

namespace qd::redis {

using namespace Qt::StringLiterals;

Reply Reply::status(QByteArray text)
{
    Reply reply;
    reply.m_type = Type::Status;
    reply.m_bytes = std::move(text);
    return reply;
}

Reply Reply::error(QByteArray text)
{
    Reply reply;
    reply.m_type = Type::Error;
    reply.m_bytes = std::move(text);
    return reply;
}

Reply Reply::integer(qint64 value)
{
    Reply reply;
    reply.m_type = Type::Integer;
    reply.m_integer = value;
    return reply;
}

Reply Reply::string(QByteArray bytes)
{
    Reply reply;
    reply.m_type = Type::String;
    reply.m_bytes = std::move(bytes);
    return reply;
}

Reply Reply::array(QList<Reply> elements)
{
    Reply reply;
    reply.m_type = Type::Array;
    reply.m_elements = std::move(elements);
    return reply;
}

qint64 Reply::toInteger(bool* ok) const
{
    if (m_type == Type::Integer) {
        if (ok)
            *ok = true;
        return m_integer;
    }
    bool parsed = false;
    const qint64 value
        = (m_type == Type::String || m_type == Type::Status) ? m_bytes.toLongLong(&parsed) : 0;
    if (ok)
        *ok = parsed;
    return parsed ? value : 0;
}

QByteArrayView Reply::errorCode() const
{
    if (m_type != Type::Error)
        return {};
    const qsizetype space = m_bytes.indexOf(' ');
    return QByteArrayView(m_bytes).first(space < 0 ? m_bytes.size() : space);
}

bool operator==(const Reply& a, const Reply& b)
{
    return a.m_type == b.m_type && a.m_integer == b.m_integer && a.m_bytes == b.m_bytes
        && a.m_elements == b.m_elements;
}

QString Reply::toDebugString() const
{
    switch (m_type) {
    case Type::Nil:
        return u"nil"_s;
    case Type::Status:
        return u'+' + toString();
    case Type::Error:
        return u'-' + toString();
    case Type::Integer:
        return QString::number(m_integer);
    case Type::String:
        return u'"' + QString::fromUtf8(m_bytes.toPercentEncoding(" :/{}@.-_")) + u'"';
    case Type::Array:
        break;
    }
    QStringList parts;
    parts.reserve(m_elements.size());
    for (const Reply& element : m_elements)
        parts.append(element.toDebugString());
    return u'[' + parts.join(u", "_s) + u']';
}

} // namespace qd::redis
