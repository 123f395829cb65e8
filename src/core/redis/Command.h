#pragma once

#include <QByteArray>
#include <QList>
#include <QStringView>

#include <initializer_list>
#include <optional>

namespace qd::redis {

class Script;

// One Redis command as an argument vector. Arguments are bytes sent as RESP bulk strings, so
// keys and values may hold anything (spaces, quotes, NUL); there is no format-string API.
class Command final {
public:
    Command() = default;
    Command(std::initializer_list<QByteArray> argv);
    explicit Command(QList<QByteArray> argv);

    Command& arg(const QByteArray& value);
    Command& arg(QStringView value); // UTF-8
    Command& arg(qint64 value);

    // Routes by this key in Redis Cluster instead of the default (the second argument).
    Command& routeBy(QByteArray key);

    const QList<QByteArray>& argv() const { return m_argv; }
    bool isEmpty() const { return m_argv.isEmpty(); }
    QByteArray name() const; // upper-case first argument

    // The key Redis Cluster routes this command by: the explicit one, else the second argument,
    // except for commands known to take no key (PING, INFO, SCAN...), which have none.
    std::optional<QByteArray> routingKey() const;

    // An upper bound of the encoded size, for reserving buffers.
    qsizetype encodedSizeHint() const;
    // Appends the RESP encoding (*N\r\n$len\r\narg\r\n...) to out.
    void appendTo(QByteArray& out) const;

    // The script an EVALSHA built by Script::call() runs; nullptr for any other command.
    const Script* script() const { return m_script; }
    // That call as EVAL with the script's text and the same keys and arguments: what a
    // connection sends when the server answers NOSCRIPT.
    Command withScriptText() const;

    friend bool operator==(const Command&, const Command&) = default;

private:
    friend class Script;

    QList<QByteArray> m_argv;
    std::optional<QByteArray> m_routingKey;
    const Script* m_script = nullptr;
};

} // namespace qd::redis
