#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace qd::redis {

// One RESP2 reply, owned and independent of hiredis: nil, status, error, integer, bulk string
// (binary safe) or array. Error replies are values, not exceptions: in a pipeline each command
// succeeds or fails on its own.
class Reply final {
public:
    enum class Type { Nil, Status, Error, Integer, String, Array };

    Reply() = default; // nil
    static Reply nil() { return {}; }
    static Reply status(QByteArray text);
    static Reply error(QByteArray text);
    static Reply integer(qint64 value);
    static Reply string(QByteArray bytes);
    static Reply array(QList<Reply> elements);

    Type type() const { return m_type; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isStatus() const { return m_type == Type::Status; }
    bool isError() const { return m_type == Type::Error; }
    bool isInteger() const { return m_type == Type::Integer; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }

    // The integer, or a string/status holding a decimal integer; *ok tells which.
    qint64 toInteger(bool* ok = nullptr) const;
    // The bytes of a string, status or error; empty for the other types.
    const QByteArray& toByteArray() const { return m_bytes; }
    QString toString() const { return QString::fromUtf8(m_bytes); }
    // The elements of an array; empty for the other types.
    const QList<Reply>& elements() const { return m_elements; }
    qsizetype size() const { return m_elements.size(); }
    const Reply& at(qsizetype index) const { return m_elements.at(index); }

    // The first word of an error ("MOVED", "WRONGPASS", "ERR"); empty if this is no error.
    QByteArrayView errorCode() const;
    bool isErrorCode(QByteArrayView code) const { return isError() && errorCode() == code; }

    // A one-line rendering for logs and test failures ("[1, \"a\", nil]").
    QString toDebugString() const;

    // Written out rather than defaulted: a defaulted one recurses through QList<Reply>'s and
    // breaks Qt's metatype traits (Reply is used in QVariant-based test tables).
    friend bool operator==(const Reply& a, const Reply& b);

private:
    friend class ReplyReader; // builds replies in place, without a copy per element

    Type m_type = Type::Nil;
    qint64 m_integer = 0;
    QByteArray m_bytes;
    QList<Reply> m_elements;
};

} // namespace qd::redis
