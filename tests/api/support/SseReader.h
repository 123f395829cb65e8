#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpSocket>

#include <functional>

namespace qd::test {

// One message of a text/event-stream.
struct SseMessage {
    QString id; // "evt-42"; empty when the message had no id line
    QJsonObject data; // the data line parsed as JSON
    QByteArray rawData;
};

// A raw-socket SSE client: sends one GET, parses the status line, headers and then every
// message and comment as bytes arrive. Raw so the test sees exactly what is on the wire.
class SseReader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseReader)

public:
    SseReader(quint16 port, const QString& pathAndQuery,
        const QList<std::pair<QByteArray, QByteArray>>& headers = {});
    ~SseReader() override;

    // Waits for the status line and headers; false on timeout or a closed connection.
    bool waitForHeaders(int timeoutMs = 5000);
    int status() const { return m_status; }
    QByteArray header(const QByteArray& name) const;
    // Waits until a message matching pred has arrived (already received ones count).
    bool waitFor(const std::function<bool(const SseMessage&)>& pred, int timeoutMs = 10000);
    bool waitForComment(const QByteArray& text, int timeoutMs = 10000);
    bool waitForClose(int timeoutMs = 5000);

    const QList<SseMessage>& messages() const { return m_messages; }
    const QList<QByteArray>& comments() const { return m_comments; }
    const QByteArray& body() const { return m_body; }
    QTcpSocket& socket() { return m_socket; }
    // Stops reading (the server's buffers fill up as with a stuck client).
    void pauseReading();
    void resumeReading();

private:
    void onReadyRead();
    void parseBody();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_body;
    bool m_headersDone = false;
    bool m_paused = false;
    int m_status = 0;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QList<SseMessage> m_messages;
    QList<QByteArray> m_comments;
};

} // namespace qd::test
