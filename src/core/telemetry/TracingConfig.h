#pragma once

#include <QString>

#include <optional>

namespace qd {

// OpenTelemetry tracing (docs/observability.md). Off unless configured; the standard
// OTEL_* environment variables fill in what the block leaves out.
struct TracingConfig {
    std::optional<bool> enabled; // absent: on when an OTEL_EXPORTER_OTLP_*ENDPOINT is set
    QString endpoint; // OTLP/HTTP base URL ("http://collector:4318"); empty: environment
    double sampleRatio = 1.0; // share of API request and action traces kept
    double pollSampleRatio = 0.01; // share of poll traces kept: polls would flood a backend
    friend bool operator==(const TracingConfig&, const TracingConfig&) = default;
};

} // namespace qd
