#pragma once

#include "api/http/ApiReply.h"
#include "api/sse/SseFilter.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace qd {
class EventBus;
struct Event;
} // namespace qd

namespace qd::api {

// The server-sent event stream of GET /api/v1/events. Every engine event goes to every
// subscriber whose filter takes it, as "id: evt-N" + "data: <event JSON>"; a reconnecting
// client's Last-Event-ID is answered from the bus's buffer first. A comment line every
// heartbeat interval keeps proxies from closing idle streams and reveals dead peers. A client
// that leaves is released at once; one whose unsent bytes pass the bound is dropped, so a slow
// reader costs a bounded amount of memory.
class SseHub final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseHub)

public:
    using DropObserver = std::function<void(const QString& reason)>;

    SseHub(EventBus& bus, std::chrono::milliseconds heartbeat, qint64 maxPendingBytes,
        QObject* parent = nullptr);
    ~SseHub() override;

    // The event types a filter may name.
    static QStringList knownTypes();
    static QByteArray frame(const Event& event);

    // Takes the reply over: writes the stream's head, the replay of events after lastEventId
    // (when given; 0 replays the whole buffer) and then every new event.
    void subscribe(ApiReply&& reply, SseFilter filter, std::optional<qint64> lastEventId);
    int clientCount() const { return static_cast<int>(m_clients.size()); }
    void setDropObserver(DropObserver observer) { m_onDrop = std::move(observer); }
    // Ends every stream (server shutdown).
    void closeAll();

private:
    struct Client;

    void onPublished(const Event& event);
    void sendHeartbeat();
    // Writes to a client; false when it has too many unsent bytes and must go.
    bool deliver(Client& client, const QByteArray& bytes);
    void release(quint64 id);
    void dropSlow(const QList<quint64>& ids);

    EventBus& m_bus;
    qint64 m_maxPendingBytes;
    QTimer m_heartbeat;
    std::map<quint64, std::unique_ptr<Client>> m_clients;
    quint64 m_nextId = 1;
    DropObserver m_onDrop;
};

} // namespace qd::api
