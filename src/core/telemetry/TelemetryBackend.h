#pragma once

// Private to src/core/telemetry: the seam between the facade and the OpenTelemetry SDK
// (OtelBackend.cpp) or its absence (NoopBackend.cpp).

#include "core/telemetry/Telemetry.h"

#include <atomic>
#include <string>

namespace qd::telemetry {

class SpanBackend {
public:
    virtual ~SpanBackend() = default;
    virtual void setString(std::string_view key, std::string value) = 0;
    virtual void setInt(std::string_view key, qint64 value) = 0;
    virtual void setDouble(std::string_view key, double value) = 0;
    virtual void setBool(std::string_view key, bool value) = 0;
    virtual void setError(const std::string& description) = 0;
    virtual void end() = 0;
};

namespace backend {

// Starts the SDK pipeline; false (and `error`) when it cannot.
bool start(const TracingSettings& settings, QString* error);
void shutdown(std::chrono::milliseconds timeout);
// A recording span; `context` receives its ids. Null when the pipeline is not running.
std::unique_ptr<SpanBackend> startSpan(
    std::string_view name, SpanKind kind, const TraceContext& parent, TraceContext& context);

} // namespace backend

// The pipeline's counters, written by the backend.
struct PipelineCounters {
    std::atomic<quint64> exported {0};
    std::atomic<quint64> droppedQueueFull {0};
    std::atomic<quint64> droppedExportFailed {0};
    std::atomic<quint64> droppedShutdown {0};
    std::atomic<quint64> exportFailures {0};
};
PipelineCounters& counters();

} // namespace qd::telemetry
