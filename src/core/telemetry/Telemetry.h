#pragma once

#include "core/telemetry/TraceContext.h"
#include "core/telemetry/TracingSettings.h"

#include <QString>

#include <chrono>
#include <memory>
#include <string_view>

// QueueDeck's tracing facade. Nothing outside src/core/telemetry includes the OpenTelemetry
// SDK; built without it (QD_WITH_OTEL=OFF) or with tracing off, every span is a cheap no-op
// that still carries a trace context where one came in. Conventions: docs/observability.md.
namespace qd::telemetry {

enum class SpanKind { Internal, Server, Client, Producer, Consumer };

class SpanBackend; // the SDK span behind a recording Span (Telemetry.cpp)

// One span, ended when end() is called or the object goes. Not shared between threads: a
// child on another thread gets its own Span, started with the parent's context().
class Span final {
public:
    Span();
    ~Span();
    Span(Span&&) noexcept;
    Span& operator=(Span&&) noexcept;
    Span(const Span&) = delete;
    Span& operator=(const Span&) = delete;

    // A child of `parent` when it is valid, else of the span current on this thread (Scope),
    // else the root of a new trace.
    static Span start(
        std::string_view name, SpanKind kind, TraceKind trace, const TraceContext& parent = {});
    // The root of a new trace whatever is current, or the child of a remote parent.
    static Span startTrace(std::string_view name, SpanKind kind, TraceKind trace,
        const TraceContext& remoteParent = {});

    bool isRecording() const { return m_backend != nullptr; }
    // Valid whenever tracing is on, sampled or not, so ids can be passed on and logged.
    const TraceContext& context() const { return m_context; }

    // Attributes are dropped when not recording. Never payloads, passwords or full commands.
    Span& set(std::string_view key, std::string_view value);
    Span& set(std::string_view key, const QString& value);
    Span& set(std::string_view key, const char* value) { return set(key, std::string_view(value)); }
    Span& set(std::string_view key, qint64 value);
    Span& set(std::string_view key, int value) { return set(key, static_cast<qint64>(value)); }
    Span& set(std::string_view key, double value);
    Span& set(std::string_view key, bool value);
    // Status ERROR with a description; error.type too when given.
    void setError(const QString& description, std::string_view errorType = {});
    void end();

private:
    std::unique_ptr<SpanBackend> m_backend;
    TraceContext m_context;
};

// Makes a context current on this thread while it lives: new spans without an explicit
// parent become its children, and log lines carry its trace_id and span_id.
class Scope final {
public:
    explicit Scope(const TraceContext& context);
    explicit Scope(const Span& span) : Scope(span.context()) { }
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    TraceContext m_previous;
};

// A span that is current on this thread for as long as it lives (a Span plus its Scope).
class ActiveSpan final {
public:
    explicit ActiveSpan(Span span) : m_span(std::move(span)), m_scope(m_span) { }
    Span& operator*() { return m_span; }
    Span* operator->() { return &m_span; }

private:
    Span m_span; // ends after the scope is left
    Scope m_scope;
};

// The context current on this thread; invalid outside every Scope.
TraceContext currentContext();

// Starts the exporter and the span pipeline. Returns false (with the reason logged) when
// tracing stays off. Call once, before spans start; later calls change nothing.
bool start(const TracingSettings& settings);
// Exports what is queued, waiting at most `timeout`, and stops: later spans are no-ops.
void shutdown(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
bool enabled();
// Whether this build has the SDK at all (QD_WITH_OTEL).
bool available();

// Cumulative figures of the span pipeline, for /metrics.
struct PipelineStats {
    quint64 exported = 0; // spans the receiver accepted
    quint64 droppedQueueFull = 0; // ended while the bounded queue was full
    quint64 droppedExportFailed = 0; // in a batch the receiver did not accept
    quint64 droppedShutdown = 0; // still queued when the exit flush ran out of time
    quint64 exportFailures = 0; // export requests that failed
};
PipelineStats pipelineStats();

} // namespace qd::telemetry
