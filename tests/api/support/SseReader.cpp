#include "SseReader.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>

namespace qd::test {

SseReader::SseReader(quint16 port, const QString& pathAndQuery,
    const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &SseReader::onReadyRead);
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QByteArray request = "GET " + pathAndQuery.toUtf8()
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          "Accept: text/event-stream\r\n";
    for (const auto& [name, value] : headers)
        request += name + ": " + value + "\r\n";
    request += "\r\n";
    m_socket.write(request);
}

SseReader::~SseReader()
{
    m_socket.abort();
}

QByteArray SseReader::header(const QByteArray& name) const
{
    for (const auto& [key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void SseReader::pauseReading()
{
    m_paused = true;
    // A tiny kernel receive buffer makes the server's side back up quickly.
    m_socket.setReadBufferSize(1);
}

void SseReader::resumeReading()
{
    m_paused = false;
    m_socket.setReadBufferSize(0);
    onReadyRead();
}

void SseReader::onReadyRead()
{
    if (m_paused)
        return;
    m_buffer += m_socket.readAll();
    if (!m_headersDone) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
        m_status = statusLine.size() > 1 ? statusLine[1].toInt() : 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                m_headers.append(
                    {lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        m_buffer.remove(0, end + 4);
        m_headersDone = true;
    }
    m_body += m_buffer;
    parseBody();
}

void SseReader::parseBody()
{
    qsizetype end;
    while ((end = m_buffer.indexOf("\n\n")) >= 0) {
        const QByteArray block = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        SseMessage message;
        bool hasData = false;
        for (const QByteArray& line : block.split('\n')) {
            if (line.startsWith(':'))
                m_comments.append(line.mid(1).trimmed());
            else if (line.startsWith("id:"))
                message.id = QString::fromUtf8(line.mid(3).trimmed());
            else if (line.startsWith("data:")) {
                message.rawData = line.mid(5).trimmed();
                message.data = QJsonDocument::fromJson(message.rawData).object();
                hasData = true;
            }
        }
        if (hasData)
            m_messages.append(message);
    }
}

bool SseReader::waitForHeaders(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_headersDone && !deadline.hasExpired()) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return false;
        QTest::qWait(10);
    }
    return m_headersDone;
}

bool SseReader::waitFor(const std::function<bool(const SseMessage&)>& pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        for (const SseMessage& message : std::as_const(m_messages)) {
            if (pred(message))
                return true;
        }
        if (deadline.hasExpired())
            return false;
        QTest::qWait(10);
    }
}

bool SseReader::waitForComment(const QByteArray& text, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QByteArray& comment : std::as_const(m_comments)) {
            if (comment.contains(text))
                return true;
        }
        QTest::qWait(10);
    }
    return false;
}

bool SseReader::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(10);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

} // namespace qd::test
