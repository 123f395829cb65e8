#include "api/sse/SseFilter.h"

#include "core/events/Event.h"

namespace qd::api {

bool SseFilter::accepts(const Event& event) const
{
    return (clusters.isEmpty() || clusters.contains(event.cluster))
        && (types.isEmpty() || types.contains(event.type));
}

} // namespace qd::api
