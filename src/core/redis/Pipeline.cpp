#include "core/redis/Pipeline.h"

#include <algorithm>
#include <stdexcept>

namespace qd::redis {

Pipeline::Pipeline(const QList<Command>& commands)
{
    qsizetype size = 0;
    for (const Command& command : commands)
        size += command.encodedSizeHint();
    m_encoded.reserve(size);
    for (const Command& command : commands)
        add(command);
}

Pipeline& Pipeline::add(const Command& command)
{
    // "*0" gets no reply from Redis, so an empty command would leave the pipeline waiting.
    if (command.isEmpty())
        throw std::invalid_argument("qd::redis::Pipeline: empty command");
    command.appendTo(m_encoded);
    if (command.script() != nullptr)
        m_scriptCalls.append({m_count, command});
    ++m_count;
    return *this;
}

void Pipeline::rewind(Mark mark)
{
    if (mark.bytes > m_encoded.size() || mark.count > m_count || mark.bytes < 0 || mark.count < 0)
        throw std::invalid_argument("qd::redis::Pipeline: rewind past the end");
    m_encoded.truncate(mark.bytes);
    m_count = mark.count;
    m_scriptCalls.removeIf([&](const ScriptCall& call) { return call.index >= m_count; });
}

void Pipeline::shrinkToFit(qsizetype headroom)
{
    m_encoded.squeeze();
    m_encoded.reserve(m_encoded.size() + std::max<qsizetype>(0, headroom));
}

} // namespace qd::redis
