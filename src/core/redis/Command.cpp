#include "core/redis/Command.h"

#include "core/redis/Script.h"

#include <array>
#include <charconv>

namespace qd::redis {
namespace {

// Commands whose second argument is not a key: routed to any node in Redis Cluster.
constexpr std::array kKeyless {"ASKING", "AUTH", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "DBSIZE",
    "ECHO", "FLUSHALL", "FLUSHDB", "HELLO", "INFO", "LATENCY", "MEMORY", "PING", "READONLY", "ROLE",
    "SCAN", "SELECT", "SENTINEL", "SLOWLOG", "TIME"};

// "*3\r\n" / "$5\r\n" without a temporary QByteArray per number: encoding is on the hot path
// of every poll.
void appendLength(QByteArray& out, char marker, qsizetype length)
{
    std::array<char, 24> text {};
    text[0] = marker;
    char* end = std::to_chars(text.data() + 1, text.data() + text.size() - 2, length).ptr;
    *end++ = '\r';
    *end++ = '\n';
    out.append(text.data(), end - text.data());
}

} // namespace

Command::Command(std::initializer_list<QByteArray> argv) : m_argv(argv)
{
}

Command::Command(QList<QByteArray> argv) : m_argv(std::move(argv))
{
}

Command& Command::arg(const QByteArray& value)
{
    m_argv.append(value);
    return *this;
}

Command& Command::arg(QStringView value)
{
    m_argv.append(value.toUtf8());
    return *this;
}

Command& Command::arg(qint64 value)
{
    m_argv.append(QByteArray::number(value));
    return *this;
}

Command& Command::routeBy(QByteArray key)
{
    m_routingKey = std::move(key);
    return *this;
}

Command Command::withScriptText() const
{
    if (m_script == nullptr || m_argv.size() < 2)
        return *this;
    Command eval(m_argv);
    eval.m_argv[0] = QByteArrayLiteral("EVAL");
    eval.m_argv[1] = m_script->body();
    eval.m_routingKey = m_routingKey;
    return eval;
}

QByteArray Command::name() const
{
    return m_argv.isEmpty() ? QByteArray() : m_argv.constFirst().toUpper();
}

std::optional<QByteArray> Command::routingKey() const
{
    if (m_routingKey)
        return m_routingKey;
    if (m_argv.size() < 2)
        return std::nullopt;
    const QByteArray upper = name();
    for (const char* keyless : kKeyless) {
        if (upper == keyless)
            return std::nullopt;
    }
    return m_argv.at(1);
}

qsizetype Command::encodedSizeHint() const
{
    qsizetype size = 16;
    for (const QByteArray& argument : m_argv)
        size += argument.size() + 16;
    return size;
}

void Command::appendTo(QByteArray& out) const
{
    appendLength(out, '*', m_argv.size());
    for (const QByteArray& argument : m_argv) {
        appendLength(out, '$', argument.size());
        out.append(argument);
        out.append("\r\n", 2);
    }
}

} // namespace qd::redis
