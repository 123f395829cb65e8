#pragma once

#include "core/redis/Command.h"

#include <QByteArray>
#include <QList>

namespace qd::redis {

// Commands queued to go out in one write and come back as replies in the same order: one
// round trip for the lot. Encoding happens as commands are added, so sending is a copy-free
// write of one buffer.
class Pipeline final {
public:
    Pipeline() = default;
    explicit Pipeline(const QList<Command>& commands);

    Pipeline& add(const Command& command);

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    const QByteArray& encoded() const { return m_encoded; }

private:
    QByteArray m_encoded;
    qsizetype m_count = 0;
};

} // namespace qd::redis
