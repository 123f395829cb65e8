#include "core/telemetry/Telemetry.h"

#include "core/telemetry/TelemetryBackend.h"

#include <QRandomGenerator>

#include <mutex>
#include <spdlog/spdlog.h>

namespace qd::telemetry {
namespace {

struct State {
    std::mutex mutex; // start and shutdown only
    std::atomic<bool> enabled {false};
    bool started = false;
    SamplerSettings sampler; // written before `enabled` is set, constant afterwards
};

State& state()
{
    static State s;
    return s;
}

thread_local TraceContext t_current;

} // namespace

PipelineCounters& counters()
{
    static PipelineCounters c;
    return c;
}

Span::Span() = default;

Span::~Span()
{
    end();
}

Span::Span(Span&& other) noexcept
    : m_backend(std::move(other.m_backend)), m_context(std::move(other.m_context))
{
}

Span& Span::operator=(Span&& other) noexcept
{
    if (this != &other) {
        end();
        m_backend = std::move(other.m_backend);
        m_context = std::move(other.m_context);
    }
    return *this;
}

Span Span::start(std::string_view name, SpanKind kind, TraceKind trace, const TraceContext& parent)
{
    return startTrace(name, kind, trace, parent.isValid() ? parent : t_current);
}

Span Span::startTrace(
    std::string_view name, SpanKind kind, TraceKind trace, const TraceContext& remoteParent)
{
    Span span;
    State& s = state();
    if (!s.enabled.load(std::memory_order_acquire))
        return span;
    const bool sampled = shouldSample(
        s.sampler, trace, remoteParent, QRandomGenerator::global()->generateDouble());
    if (sampled)
        span.m_backend = backend::startSpan(name, kind, remoteParent, span.m_context);
    if (!span.m_backend)
        span.m_context = TraceContext::generate(false, remoteParent);
    return span;
}

Span& Span::set(std::string_view key, std::string_view value)
{
    if (m_backend)
        m_backend->setString(key, std::string(value));
    return *this;
}

Span& Span::set(std::string_view key, const QString& value)
{
    if (m_backend)
        m_backend->setString(key, value.toStdString());
    return *this;
}

Span& Span::set(std::string_view key, qint64 value)
{
    if (m_backend)
        m_backend->setInt(key, value);
    return *this;
}

Span& Span::set(std::string_view key, double value)
{
    if (m_backend)
        m_backend->setDouble(key, value);
    return *this;
}

Span& Span::set(std::string_view key, bool value)
{
    if (m_backend)
        m_backend->setBool(key, value);
    return *this;
}

void Span::setError(const QString& description, std::string_view errorType)
{
    if (!m_backend)
        return;
    if (!errorType.empty())
        m_backend->setString("error.type", std::string(errorType));
    m_backend->setError(description.toStdString());
}

void Span::end()
{
    if (m_backend) {
        m_backend->end();
        m_backend.reset();
    }
}

Scope::Scope(const TraceContext& context) : m_previous(t_current)
{
    t_current = context;
}

Scope::~Scope()
{
    t_current = m_previous;
}

TraceContext currentContext()
{
    return t_current;
}

bool start(const TracingSettings& settings)
{
    State& s = state();
    const std::lock_guard lock(s.mutex);
    if (s.started)
        return s.enabled.load();
    s.started = true;
    for (const QString& warning : settings.warnings)
        spdlog::warn("tracing: {}", warning.toStdString());
    if (!settings.enabled) {
        spdlog::debug("tracing off: {}", settings.why.toStdString());
        return false;
    }
    QString error;
    if (!backend::start(settings, &error)) {
        spdlog::warn("tracing off: {}", error.toStdString());
        return false;
    }
    s.sampler = settings.sampler;
    s.enabled.store(true, std::memory_order_release);
    spdlog::info("tracing on ({}): API and action traces sampled at {}, polls at {}",
        settings.why.toStdString(), settings.sampler.ratio, settings.sampler.pollRatio);
    return true;
}

void shutdown(std::chrono::milliseconds timeout)
{
    State& s = state();
    const std::lock_guard lock(s.mutex);
    if (!s.enabled.exchange(false))
        return;
    backend::shutdown(timeout);
}

bool enabled()
{
    return state().enabled.load(std::memory_order_acquire);
}

PipelineStats pipelineStats()
{
    const PipelineCounters& c = counters();
    return {c.exported.load(), c.droppedQueueFull.load(), c.droppedExportFailed.load(),
        c.droppedShutdown.load(), c.exportFailures.load()};
}

} // namespace qd::telemetry
