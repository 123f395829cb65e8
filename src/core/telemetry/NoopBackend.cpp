// The backend of a build without the OpenTelemetry SDK (QD_WITH_OTEL=OFF): tracing stays off.

#include "core/telemetry/TelemetryBackend.h"

namespace qd::telemetry {

bool available()
{
    return false;
}

namespace backend {

bool start(const TracingSettings&, QString* error)
{
    *error = QStringLiteral("this build has no OpenTelemetry support (QD_WITH_OTEL=OFF)");
    return false;
}

void shutdown(std::chrono::milliseconds)
{
}

std::unique_ptr<SpanBackend> startSpan(
    std::string_view, SpanKind, const TraceContext&, TraceContext&)
{
    return nullptr;
}

} // namespace backend
} // namespace qd::telemetry
