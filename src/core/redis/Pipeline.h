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
    // Implicit: a list of commands is a pipeline, which lets perMaster() builders return either.
    Pipeline(const QList<Command>& commands); // NOLINT(google-explicit-constructor)

    Pipeline& add(const Command& command);

    // A point to come back to: callers that send the same commands on every call encode them
    // once, mark the end, and per call rewind to the mark and add only what changes. With no
    // copy of the pipeline alive, that reuses the buffer without allocating.
    struct Mark {
        qsizetype bytes = 0;
        qsizetype count = 0;
    };
    Mark mark() const { return {m_encoded.size(), m_count}; }
    void rewind(Mark mark);
    // For a pipeline kept for many calls: gives back the slack its buffer grew by, keeping room
    // for `headroom` more bytes (what is added after the mark per call).
    void shrinkToFit(qsizetype headroom);

    // Where the pipeline calls a Script (Script::call), for the EVAL a NOSCRIPT answer calls for.
    struct ScriptCall {
        qsizetype index = 0;
        Command command;
    };
    const QList<ScriptCall>& scriptCalls() const { return m_scriptCalls; }

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    const QByteArray& encoded() const { return m_encoded; }

private:
    QByteArray m_encoded;
    qsizetype m_count = 0;
    QList<ScriptCall> m_scriptCalls;
};

} // namespace qd::redis
