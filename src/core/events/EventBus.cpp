#include "core/events/EventBus.h"

#include "core/util/Clock.h"

namespace qd {

EventBus::EventBus(const Clock& clock, qsizetype bufferSize, QObject* parent)
    : QObject(parent), m_clock(clock), m_capacity(std::max<qsizetype>(1, bufferSize))
{
}

Event EventBus::publish(
    const QString& type, const QString& cluster, const QString& message, const QJsonObject& data)
{
    if (static_cast<qsizetype>(m_buffer.size()) == m_capacity)
        m_buffer.pop_front();
    m_buffer.push_back(Event {m_nextId++, type, cluster, message, m_clock.wallNow(), data});
    // A copy: a slot may publish in turn and push this event out of a small buffer.
    const Event event = m_buffer.back();
    Q_EMIT published(event);
    return event;
}

QList<Event> EventBus::since(qint64 afterId, bool* complete) const
{
    QList<Event> out;
    for (const Event& event : m_buffer) {
        if (event.id > afterId)
            out.append(event);
    }
    if (complete) {
        const qint64 oldest = m_buffer.empty() ? m_nextId : m_buffer.front().id;
        *complete = afterId + 1 >= oldest || afterId >= lastId();
    }
    return out;
}

} // namespace qd
