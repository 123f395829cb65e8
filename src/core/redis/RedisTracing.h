#pragma once

#include "core/redis/ConnectionSettings.h"
#include "core/redis/Pipeline.h"
#include "core/redis/Reply.h"
#include "core/telemetry/Telemetry.h"

#include <exception>

namespace qd::telemetry {

// A CLIENT span around one Redis round trip, child of the span current on the thread, with the
// database semantic conventions (docs/observability.md). Carries the command names only:
// never keys, arguments or payloads. Error replies and connection failures mark it ERROR.
class RedisSpan final {
public:
    RedisSpan(const redis::ConnectionSettings& settings, const redis::Pipeline& pipeline);
    // Marks the span from the replies and hands them back.
    QList<redis::Reply> finish(QList<redis::Reply> replies);
    void fail(const std::exception& error);

private:
    Span m_span;
};

// Runs one round trip (`exchange`) inside a RedisSpan.
template <typename Exchange>
QList<redis::Reply> traceRedis(
    const redis::ConnectionSettings& settings, const redis::Pipeline& pipeline, Exchange&& exchange)
{
    RedisSpan span(settings, pipeline);
    try {
        return span.finish(exchange());
    } catch (const std::exception& e) {
        span.fail(e);
        throw;
    }
}

} // namespace qd::telemetry
