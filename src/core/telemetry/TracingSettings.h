#pragma once

#include "core/telemetry/TraceContext.h"
#include "core/telemetry/TracingConfig.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace qd::telemetry {

// Which sampling ratio a new trace gets.
enum class TraceKind {
    Poll, // one trace per poll tick and cluster
    Request, // an API request
    Action, // a multi-cluster action
};

struct SamplerSettings {
    double ratio = 1.0; // new traces of API requests and actions
    double pollRatio = 0.01; // new poll traces
    // A remote parent (traceparent) decides for its trace: the parentbased_* samplers.
    bool parentBased = true;
};

// The batch span processor's limits (OTEL_BSP_*), read by QueueDeck because the packaged SDK
// ignores the variables.
struct BatchSettings {
    int maxQueueSize = 2048;
    std::chrono::milliseconds scheduleDelay {5000};
    int maxExportBatchSize = 512;
    std::chrono::milliseconds exportTimeout {30000};
};

// Everything tracing needs, resolved once at start from the config's `tracing` block and the
// standard OTEL_* environment variables. The block wins where it sets something; the
// exporter's own variables (headers, protocol, timeout, resource) are read by the SDK.
struct TracingSettings {
    bool enabled = false;
    QString why; // one line for the log: why tracing is on or off
    QString tracesUrl; // empty: the SDK's own OTEL_EXPORTER_OTLP_* handling
    QString serviceName; // empty: OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES set it
    SamplerSettings sampler;
    BatchSettings batch;
    QStringList warnings; // variables that could not be read, with what was used instead
};

using EnvLookup = std::function<QString(const char* name)>;
// The process environment.
EnvLookup processEnvironment();

// `defaultServiceName` is used when neither OTEL_SERVICE_NAME nor a service.name in
// OTEL_RESOURCE_ATTRIBUTES names the service.
TracingSettings resolveSettings(
    const TracingConfig& config, const QString& defaultServiceName, const EnvLookup& env);

// Whether a new span is recorded and exported. A local parent's decision is always followed;
// a remote parent's when the sampler is parent-based; otherwise the trace kind's ratio decides,
// against `uniform`, a random number in [0, 1).
bool shouldSample(
    const SamplerSettings& sampler, TraceKind kind, const TraceContext& parent, double uniform);

} // namespace qd::telemetry
