#include "core/queues/QueueBackend.h"

#include "core/redis/ConnectionError.h"

namespace qd {
namespace {

// The Redis layer orders its severities worst-first; the engine's are ordered best-first.
Severity toSeverity(redis::Severity severity)
{
    switch (severity) {
    case redis::Severity::Critical:
        return Severity::Critical;
    case redis::Severity::Error:
        return Severity::Error;
    case redis::Severity::Warning:
        return Severity::Warning;
    case redis::Severity::Info:
        break;
    }
    return Severity::Info;
}

} // namespace

PollFailure QueueBackend::describeFailure(std::exception_ptr error) const
{
    try {
        std::rethrow_exception(error);
    } catch (const redis::ConnectionError& e) {
        return failure(
            e.message(), toSeverity(e.severity()), redis::ConnectionError::kindName(e.kind()));
    } catch (...) {
        return PollTarget::describeFailure(std::current_exception());
    }
}

} // namespace qd
