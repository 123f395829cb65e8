#pragma once

#include "core/events/Event.h"

#include <QList>
#include <QObject>

#include <deque>

namespace qd {

class Clock;

// Publishes engine events in order, with ids, and keeps the latest ones so that a subscriber
// who arrives late (the GUI after start-up, an SSE client reconnecting with Last-Event-ID)
// misses nothing that is still in the buffer. Lives on the main thread like the rest of the
// engine's state.
class EventBus final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventBus)

public:
    explicit EventBus(const Clock& clock, qsizetype bufferSize = 2048, QObject* parent = nullptr);

    Event publish(const QString& type, const QString& cluster, const QString& message,
        const QJsonObject& data = {});

    // Buffered events with an id above afterId, oldest first. *complete is false when events
    // after afterId have already left the buffer (the subscriber missed some).
    QList<Event> since(qint64 afterId, bool* complete = nullptr) const;
    qint64 lastId() const { return m_nextId - 1; }
    qsizetype bufferSize() const { return m_capacity; }

Q_SIGNALS:
    void published(const qd::Event& event);

private:
    const Clock& m_clock;
    qsizetype m_capacity;
    qint64 m_nextId = 1;
    std::deque<Event> m_buffer;
};

} // namespace qd
