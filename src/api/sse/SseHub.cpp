#include "api/sse/SseHub.h"

#include "core/events/EventBus.h"
#include "core/util/Log.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace qd::api {

struct SseHub::Client {
    explicit Client(ApiReply&& r) : reply(std::move(r)) { }
    ApiReply reply;
    SseFilter filter;
    QMetaObject::Connection disconnected;
    QMetaObject::Connection destroyed;
};

SseHub::SseHub(
    EventBus& bus, std::chrono::milliseconds heartbeat, qint64 maxPendingBytes, QObject* parent)
    : QObject(parent), m_bus(bus), m_maxPendingBytes(maxPendingBytes)
{
    connect(&bus, &EventBus::published, this, &SseHub::onPublished);
    m_heartbeat.setInterval(heartbeat);
    connect(&m_heartbeat, &QTimer::timeout, this, &SseHub::sendHeartbeat);
}

SseHub::~SseHub()
{
    closeAll();
}

QStringList SseHub::knownTypes()
{
    return {events::kClusterConnected, events::kClusterDisconnected, events::kHealthChanged,
        events::kAnomalyDetected, events::kActionCreated, events::kActionConfirmed,
        events::kActionStarted, events::kActionProgress, events::kActionCompleted,
        events::kActionFailed, events::kActionCancelled, events::kConfigChanged};
}

QByteArray SseHub::frame(const Event& event)
{
    // No "event:" line: the specified stream carries the type inside the data, and a named event
    // would not reach a browser EventSource's onmessage.
    return QByteArrayLiteral("id: ") + event.idString().toUtf8() + QByteArrayLiteral("\ndata: ")
        + QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + QByteArrayLiteral("\n\n");
}

void SseHub::subscribe(ApiReply&& reply, SseFilter filter, std::optional<qint64> lastEventId)
{
    QTcpSocket* socket = reply.socket();
    if (!socket)
        return;
    const quint64 id = m_nextId++;
    auto client = std::make_unique<Client>(std::move(reply));
    client->filter = std::move(filter);
    client->reply.beginStream(200,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream")},
            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")},
            {QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")}});
    // Tells EventSource clients how soon to reconnect, and carries the replay.
    QByteArray head = QByteArrayLiteral("retry: 3000\n\n");
    if (lastEventId) {
        bool complete = true;
        const QList<Event> missed = m_bus.since(*lastEventId, &complete);
        if (!complete)
            head += QByteArrayLiteral(": some events after evt-") + QByteArray::number(*lastEventId)
                + QByteArrayLiteral(" are no longer buffered\n\n");
        for (const Event& event : missed) {
            if (client->filter.accepts(event))
                head += frame(event);
        }
    }
    client->reply.writeStream(head);
    client->disconnected
        = connect(socket, &QAbstractSocket::disconnected, this, [this, id] { release(id); });
    client->destroyed = connect(socket, &QObject::destroyed, this, [this, id] { release(id); });
    m_clients.emplace(id, std::move(client));
    if (!m_heartbeat.isActive())
        m_heartbeat.start();
}

bool SseHub::deliver(Client& client, const QByteArray& bytes)
{
    QTcpSocket* socket = client.reply.socket();
    if (!socket)
        return true; // gone; its disconnected signal releases it
    if (socket->bytesToWrite() + bytes.size() > m_maxPendingBytes)
        return false;
    client.reply.writeStream(bytes);
    return true;
}

void SseHub::onPublished(const Event& event)
{
    if (m_clients.empty())
        return;
    const QByteArray bytes = frame(event);
    QList<quint64> slow;
    for (auto& [id, client] : m_clients) {
        if (client->filter.accepts(event) && !deliver(*client, bytes))
            slow.append(id);
    }
    dropSlow(slow);
}

void SseHub::sendHeartbeat()
{
    static const QByteArray kHeartbeat = QByteArrayLiteral(": heartbeat\n\n");
    QList<quint64> slow;
    for (auto& [id, client] : m_clients) {
        if (!deliver(*client, kHeartbeat))
            slow.append(id);
    }
    dropSlow(slow);
    if (m_clients.empty())
        m_heartbeat.stop();
}

void SseHub::dropSlow(const QList<quint64>& ids)
{
    for (const quint64 id : ids) {
        const auto it = m_clients.find(id);
        if (it == m_clients.end())
            continue;
        QTcpSocket* socket = it->second->reply.socket();
        spdlog::warn("event stream client {} dropped: more than {} bytes unsent",
            log::s(socket ? socket->peerAddress().toString() : QString()), m_maxPendingBytes);
        release(id);
        if (m_onDrop)
            m_onDrop(u"slow"_s);
        // Released first: abort() emits disconnected synchronously.
        if (socket)
            socket->abort();
    }
}

void SseHub::release(quint64 id)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    disconnect(it->second->disconnected);
    disconnect(it->second->destroyed);
    m_clients.erase(it);
}

void SseHub::closeAll()
{
    while (!m_clients.empty()) {
        const auto it = m_clients.begin();
        QTcpSocket* socket = it->second->reply.socket();
        release(it->first);
        if (socket)
            socket->disconnectFromHost();
    }
    m_heartbeat.stop();
}

} // namespace qd::api
