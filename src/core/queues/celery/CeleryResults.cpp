#include "core/queues/celery/CeleryResults.h"

#include <algorithm>

namespace qd::celery {

using redis::Command;
using redis::Reply;

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// {"status": "<status>", ...: Celery writes the status first (its result meta is a dict built
// with it first, and kombu's JSON keeps the order). A status cut off by the read's end is
// returned as far as it goes: it is still not FAILURE, which fits well inside the head.
std::optional<QByteArray> jsonStatus(QByteArrayView head)
{
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < head.size() && isSpace(head[i]))
            ++i;
    };
    const auto expect = [&](QByteArrayView text) {
        skipSpace();
        if (!head.sliced(i).startsWith(text))
            return false;
        i += text.size();
        return true;
    };
    if (!expect("{") || !expect("\"status\"") || !expect(":") || !expect("\""))
        return std::nullopt;
    QByteArray status;
    while (i < head.size() && head[i] != '"')
        status.append(head[i++]);
    return status;
}

// msgpack: a map whose first key is the string "status" and whose value is a string.
std::optional<QByteArray> msgpackStatus(QByteArrayView head)
{
    qsizetype i = 0;
    const auto byte = [&](qsizetype at) { return static_cast<unsigned char>(head[at]); };
    if (head.isEmpty())
        return std::nullopt;
    const unsigned char first = byte(0);
    if (first > 0x80 && first <= 0x8f) // fixmap, at least one entry
        i = 1;
    else if (first == 0xde) // map 16
        i = 3;
    else if (first == 0xdf) // map 32
        i = 5;
    else
        return std::nullopt;
    // A string at i; one cut off by the read's end only where allowed (the value).
    const auto string = [&](bool allowCut) -> std::optional<QByteArray> {
        if (i >= head.size())
            return std::nullopt;
        const unsigned char marker = byte(i);
        qsizetype length = 0;
        if ((marker & 0xe0) == 0xa0) { // fixstr
            length = marker & 0x1f;
            i += 1;
        } else if (marker == 0xd9 && i + 1 < head.size()) { // str 8
            length = byte(i + 1);
            i += 2;
        } else if (marker == 0xda && i + 2 < head.size()) { // str 16
            length = (qsizetype(byte(i + 1)) << 8) | byte(i + 2);
            i += 3;
        } else {
            return std::nullopt;
        }
        const qsizetype available = std::min(length, head.size() - i);
        if (available < length && !allowCut)
            return std::nullopt;
        QByteArray text = head.sliced(i, available).toByteArray();
        i += length;
        return text;
    };
    const std::optional<QByteArray> key = string(false);
    if (!key || *key != "status")
        return std::nullopt;
    return string(true);
}

} // namespace

std::optional<QByteArray> resultStatus(QByteArrayView head)
{
    if (auto status = jsonStatus(head))
        return status;
    return msgpackStatus(head);
}

ResultCensus::ResultCensus(int resultDb, int brokerDb, int scanCount)
    : m_resultDb(resultDb), m_brokerDb(brokerDb), m_scanCount(scanCount)
{
}

QList<Command> ResultCensus::commands() const
{
    QList<Command> commands;
    const bool select = m_resultDb != m_brokerDb;
    commands.reserve(m_pending.size() + 3);
    if (select)
        commands.append(Command {"SELECT", QByteArray::number(m_resultDb)});
    for (const QByteArray& key : m_pending)
        commands.append(Command {"GETRANGE", key, "0", QByteArray::number(resultHeadBytes - 1)});
    commands.append(Command {"SCAN", m_cursor, "MATCH", resultKeyPattern.toByteArray(), "COUNT",
        QByteArray::number(m_scanCount)});
    if (select)
        commands.append(Command {"SELECT", QByteArray::number(m_brokerDb)});
    return commands;
}

void ResultCensus::restartPass()
{
    m_cursor = QByteArrayLiteral("0");
    m_passEnding = false;
    m_pending.clear();
    m_current = {};
    m_failed.clear();
}

QString ResultCensus::apply(const QList<Reply>& replies)
{
    const bool select = m_resultDb != m_brokerDb;
    const qsizetype expected = m_pending.size() + 1 + (select ? 2 : 0);
    if (replies.size() != expected) {
        restartPass();
        return QStringLiteral("expected %1 replies, got %2").arg(expected).arg(replies.size());
    }
    qsizetype at = 0;
    if (select && replies.at(at++).isError()) {
        const QString error = replies.at(0).toString();
        restartPass();
        m_last.reset();
        return QStringLiteral("SELECT %1 refused: %2").arg(m_resultDb).arg(error);
    }
    for (const QByteArray& key : std::as_const(m_pending)) {
        const Reply& head = replies.at(at++);
        if (head.isError()) {
            ++m_current.unreadable; // not a string: some other program's key under the name
            continue;
        }
        // Gone since the SCAN step (expired or forgotten): not a result any more.
        if (!head.isString() || head.toByteArray().isEmpty())
            continue;
        const std::optional<QByteArray> status = resultStatus(head.toByteArray());
        if (!status) {
            ++m_current.unreadable;
            continue;
        }
        ++m_current.results;
        if (*status == failureStatus.toByteArray())
            m_failed.insert(key);
    }
    if (m_passEnding) {
        m_current.failures = m_failed.size();
        m_last = m_current;
        ++m_passes;
        restartPass();
    }
    const Reply& scan = replies.at(at++);
    if (scan.isError() || scan.size() != 2) {
        restartPass();
        return QStringLiteral("SCAN of the result backend failed: %1").arg(scan.toDebugString());
    }
    m_pending.clear();
    for (const Reply& key : scan.at(1).elements())
        m_pending.append(key.toByteArray());
    m_cursor = scan.at(0).toByteArray();
    m_passEnding = m_cursor == "0";
    if (select && replies.at(at).isError())
        return QStringLiteral("SELECT %1 refused: %2")
            .arg(m_brokerDb)
            .arg(replies.at(at).toString());
    return {};
}

std::optional<qint64> ResultCensus::failures() const
{
    if (!m_last || m_last->results == 0)
        return std::nullopt;
    return m_last->failures;
}

} // namespace qd::celery
