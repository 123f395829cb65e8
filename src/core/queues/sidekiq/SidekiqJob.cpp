#include "core/queues/sidekiq/SidekiqJob.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace qd::sidekiq::job {

namespace {

// Walks the top level of one JSON object without building it. Every step checks bounds: the
// bytes come from Redis and may be anything.
class Scanner {
public:
    explicit Scanner(const QByteArray& text) : m_text(text) { }

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    bool take(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // A string starting at the current '"'; *inner gets its raw bytes between the quotes.
    bool string(QByteArrayView* inner = nullptr)
    {
        if (peek() != '"')
            return false;
        const qsizetype start = ++m_pos;
        while (!atEnd() && peek() != '"')
            m_pos += peek() == '\\' ? 2 : 1;
        if (atEnd())
            return false;
        if (inner)
            *inner = QByteArrayView(m_text).sliced(start, m_pos - start);
        ++m_pos;
        return true;
    }
    bool value()
    {
        skipSpace();
        const char first = peek();
        if (first == '"')
            return string();
        if (first == '{' || first == '[') {
            int depth = 0;
            while (!atEnd()) {
                const char c = peek();
                if (c == '"') {
                    if (!string())
                        return false;
                    continue;
                }
                if (c == '{' || c == '[')
                    ++depth;
                else if (c == '}' || c == ']')
                    --depth;
                ++m_pos;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != ',' && peek() != '}' && peek() != ']' && peek() != ' '
            && peek() != '\t' && peek() != '\n' && peek() != '\r')
            ++m_pos;
        return m_pos > start;
    }

private:
    const QByteArray& m_text;
    qsizetype m_pos = 0;
};

struct Layout {
    qsizetype valueStart = -1; // of the wanted member, -1 when missing
    qsizetype valueEnd = -1;
    qsizetype closingBrace = -1;
    bool empty = true; // an object without members
};

std::optional<Layout> layoutOf(const QByteArray& json, QByteArrayView key)
{
    Scanner s(json);
    if (!s.take('{'))
        return std::nullopt;
    Layout layout;
    if (s.take('}')) {
        layout.closingBrace = s.pos() - 1;
    } else {
        for (;;) {
            s.skipSpace();
            QByteArrayView name;
            if (!s.string(&name) || !s.take(':'))
                return std::nullopt;
            s.skipSpace();
            const qsizetype start = s.pos();
            if (!s.value())
                return std::nullopt;
            if (name == key && layout.valueStart < 0) {
                layout.valueStart = start;
                layout.valueEnd = s.pos();
            }
            layout.empty = false;
            if (s.take(','))
                continue;
            if (!s.take('}'))
                return std::nullopt;
            layout.closingBrace = s.pos() - 1;
            break;
        }
    }
    s.skipSpace();
    if (!s.atEnd())
        return std::nullopt;
    return layout;
}

} // namespace

std::optional<QByteArray> memberText(const QByteArray& json, QByteArrayView key)
{
    const auto layout = layoutOf(json, key);
    if (!layout || layout->valueStart < 0)
        return std::nullopt;
    return json.sliced(layout->valueStart, layout->valueEnd - layout->valueStart);
}

QByteArray withMember(const QByteArray& json, QByteArrayView key, const QByteArray& valueText)
{
    const auto layout = layoutOf(json, key);
    if (!layout)
        return {};
    QByteArray out = json;
    if (layout->valueStart >= 0)
        return out.replace(layout->valueStart, layout->valueEnd - layout->valueStart, valueText);
    QByteArray member = '"' + key.toByteArray() + "\":" + valueText;
    if (!layout->empty)
        member.prepend(',');
    return out.insert(layout->closingBrace, member);
}

QByteArray forRequeue(const QByteArray& json, double nowEpochSeconds)
{
    QByteArray out = json;
    if (const auto count = memberText(json, "retry_count")) {
        bool ok = false;
        const qint64 value = count->toLongLong(&ok);
        if (ok)
            out = withMember(out, "retry_count", QByteArray::number(value - 1));
    }
    const auto created = memberText(json, "created_at");
    const bool milliseconds = created && created->toDouble() > 1e11;
    return withMember(out, "enqueued_at",
        milliseconds ? QByteArray::number(qint64(nowEpochSeconds * 1000.0))
                     : QByteArray::number(nowEpochSeconds, 'f', 6));
}

QJsonObject parsed(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    return QJsonObject {{QStringLiteral("raw"), QString::fromUtf8(json)}};
}

} // namespace qd::sidekiq::job
