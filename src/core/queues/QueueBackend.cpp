#include "core/queues/QueueBackend.h"

#include "core/redis/ConnectionError.h"

namespace qd {

PollFailure QueueBackend::describeFailure(std::exception_ptr error) const
{
    try {
        std::rethrow_exception(error);
    } catch (const redis::ConnectionError& e) {
        return failure(e.message(), e.severity(), redis::ConnectionError::kindName(e.kind()));
    } catch (...) {
        return PollTarget::describeFailure(std::current_exception());
    }
}

} // namespace qd
