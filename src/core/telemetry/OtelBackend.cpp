// The OpenTelemetry C++ SDK behind the facade: an OTLP/HTTP exporter fed by QueueDeck's own
// bounded span queue, so that drops and failures are counted and a slow receiver never holds
// up the thread that ends a span. The only file that includes the SDK.

#include "core/telemetry/TelemetryBackend.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QUuid>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <opentelemetry/exporters/otlp/otlp_http_exporter_factory.h>
#include <opentelemetry/exporters/otlp/otlp_http_exporter_options.h>
#include <opentelemetry/sdk/common/global_log_handler.h>
#include <opentelemetry/sdk/resource/resource.h>
#include <opentelemetry/sdk/trace/exporter.h>
#include <opentelemetry/sdk/trace/processor.h>
#include <opentelemetry/sdk/trace/recordable.h>
#include <opentelemetry/sdk/trace/samplers/always_on.h>
#include <opentelemetry/sdk/trace/tracer_provider.h>
#include <opentelemetry/trace/span.h>
#include <opentelemetry/trace/span_context.h>
#include <opentelemetry/trace/tracer.h>
#include <spdlog/spdlog.h>
#include <thread>
#include <vector>

namespace qd::telemetry {

bool available()
{
    return true;
}

namespace {

namespace otel = opentelemetry;
namespace sdktrace = opentelemetry::sdk::trace;
namespace internal_log = opentelemetry::sdk::common::internal_log;
using Clock = std::chrono::steady_clock;

otel::nostd::string_view view(std::string_view text)
{
    return {text.data(), text.size()};
}

// Errors the OTLP exporter reported through the SDK's log. The packaged 1.19 exporter returns
// success from a synchronous export even when it could not connect, so the exporter thread
// also counts an export as failed when this number moved while it ran.
std::atomic<quint64> g_exporterErrors {0};

// Ended spans wait here for the exporter thread. Full queue: the span is dropped and counted,
// never waited for. One export at a time, each bounded by the exporter's timeout.
class QueueProcessor final : public sdktrace::SpanProcessor {
public:
    QueueProcessor(std::unique_ptr<sdktrace::SpanExporter> exporter, const BatchSettings& batch)
        : m_exporter(std::move(exporter)), m_batch(batch), m_thread([this] { run(); })
    {
    }

    ~QueueProcessor() override { Shutdown(std::chrono::milliseconds(0)); }

    std::unique_ptr<sdktrace::Recordable> MakeRecordable() noexcept override
    {
        return m_exporter->MakeRecordable();
    }

    void OnStart(sdktrace::Recordable&, const otel::trace::SpanContext&) noexcept override { }

    void OnEnd(std::unique_ptr<sdktrace::Recordable>&& span) noexcept override
    {
        std::unique_lock lock(m_mutex);
        if (m_stopping) {
            counters().droppedShutdown.fetch_add(1);
            return;
        }
        if (static_cast<int>(m_queue.size()) >= m_batch.maxQueueSize) {
            counters().droppedQueueFull.fetch_add(1);
            return;
        }
        m_queue.push_back(std::move(span));
        if (static_cast<int>(m_queue.size()) >= m_batch.maxExportBatchSize) {
            lock.unlock();
            m_wake.notify_one();
        }
    }

    bool ForceFlush(std::chrono::microseconds timeout) noexcept override
    {
        const auto deadline = deadlineAfter(timeout);
        std::unique_lock lock(m_mutex);
        const quint64 target = ++m_flushRequested;
        m_wake.notify_one();
        return m_idle.wait_until(lock, deadline, [&] { return m_flushDone >= target; });
    }

    bool Shutdown(std::chrono::microseconds timeout) noexcept override
    {
        {
            const std::lock_guard lock(m_mutex);
            if (m_shutDown)
                return true;
            m_shutDown = true;
        }
        const auto deadline = deadlineAfter(timeout);
        const bool flushed = ForceFlush(
            std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()));
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        // Cancels an export still in flight, so the join below is not held up by the network.
        m_exporter->Shutdown(std::chrono::microseconds(std::max<qint64>(0,
            std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now())
                .count())));
        if (m_thread.joinable())
            m_thread.join();
        const std::lock_guard lock(m_mutex);
        counters().droppedShutdown.fetch_add(m_queue.size());
        m_queue.clear();
        return flushed;
    }

private:
    static Clock::time_point deadlineAfter(std::chrono::microseconds timeout)
    {
        const auto cap = std::chrono::hours(24);
        return Clock::now() + std::min<std::chrono::microseconds>(timeout, cap);
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        while (true) {
            m_wake.wait_for(lock, m_batch.scheduleDelay, [&] {
                return m_stopping || m_flushRequested > m_flushDone
                    || static_cast<int>(m_queue.size()) >= m_batch.maxExportBatchSize;
            });
            if (m_stopping)
                return;
            const quint64 flushTarget = m_flushRequested;
            // Back-to-back batches until the queue is empty.
            while (!m_queue.empty() && !m_stopping) {
                std::vector<std::unique_ptr<sdktrace::Recordable>> batch;
                const std::size_t n = std::min<std::size_t>(
                    m_queue.size(), static_cast<std::size_t>(m_batch.maxExportBatchSize));
                batch.reserve(n);
                for (std::size_t i = 0; i < n; ++i) {
                    batch.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
                lock.unlock();
                const quint64 errorsBefore = g_exporterErrors.load();
                const auto result
                    = m_exporter->Export(otel::nostd::span<std::unique_ptr<sdktrace::Recordable>>(
                        batch.data(), batch.size()));
                if (result == otel::sdk::common::ExportResult::kSuccess
                    && g_exporterErrors.load() == errorsBefore) {
                    counters().exported.fetch_add(n);
                } else {
                    counters().exportFailures.fetch_add(1);
                    counters().droppedExportFailed.fetch_add(n);
                }
                lock.lock();
            }
            m_flushDone = std::max(m_flushDone, flushTarget);
            m_idle.notify_all();
        }
    }

    std::unique_ptr<sdktrace::SpanExporter> m_exporter;
    const BatchSettings m_batch;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<std::unique_ptr<sdktrace::Recordable>> m_queue;
    quint64 m_flushRequested = 0;
    quint64 m_flushDone = 0;
    bool m_stopping = false;
    bool m_shutDown = false;
    std::thread m_thread; // last: starts once everything above is ready
};

// The SDK's own messages (an unreachable receiver, a rejected request) go to QueueDeck's log,
// at most one a minute, with a count of the ones held back.
class RateLimitedLog final : public internal_log::LogHandler {
public:
    void Handle(internal_log::LogLevel level, const char*, int, const char* message,
        const otel::sdk::common::AttributeMap&) noexcept override
    {
        if (level != internal_log::LogLevel::Error && level != internal_log::LogLevel::Warning)
            return;
        if (level == internal_log::LogLevel::Error && message
            && std::string_view(message).find("OTLP") != std::string_view::npos)
            g_exporterErrors.fetch_add(1);
        const std::lock_guard lock(m_mutex);
        const auto now = Clock::now();
        if (m_logged && now - m_last < std::chrono::minutes(1)) {
            ++m_suppressed;
            return;
        }
        m_logged = true;
        m_last = now;
        if (m_suppressed > 0)
            spdlog::warn("tracing: {} ({} more tracing messages in the last minute not shown)",
                message ? message : "", m_suppressed);
        else
            spdlog::warn("tracing: {}", message ? message : "");
        m_suppressed = 0;
    }

private:
    std::mutex m_mutex;
    bool m_logged = false;
    Clock::time_point m_last;
    quint64 m_suppressed = 0;
};

class OtelSpan final : public SpanBackend {
public:
    explicit OtelSpan(otel::nostd::shared_ptr<otel::trace::Span> span) : m_span(std::move(span)) { }
    ~OtelSpan() override { end(); }

    void setString(std::string_view key, std::string value) override
    {
        m_span->SetAttribute(view(key), otel::nostd::string_view(value));
    }
    void setInt(std::string_view key, qint64 value) override
    {
        m_span->SetAttribute(view(key), static_cast<int64_t>(value));
    }
    void setDouble(std::string_view key, double value) override
    {
        m_span->SetAttribute(view(key), value);
    }
    void setBool(std::string_view key, bool value) override
    {
        m_span->SetAttribute(view(key), value);
    }
    void setError(const std::string& description) override
    {
        m_span->SetStatus(otel::trace::StatusCode::kError, description);
    }
    void end() override
    {
        if (!m_ended) {
            m_ended = true;
            m_span->End();
        }
    }

private:
    otel::nostd::shared_ptr<otel::trace::Span> m_span;
    bool m_ended = false;
};

struct Pipeline {
    std::shared_ptr<sdktrace::TracerProvider> provider;
    otel::nostd::shared_ptr<otel::trace::Tracer> tracer;
};

// Set once by start() and kept to the end of the process: a span started while shutdown()
// runs still finds a tracer, whose processor then drops and counts it.
std::atomic<Pipeline*> g_pipeline {nullptr};

otel::trace::SpanKind toOtel(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Server:
        return otel::trace::SpanKind::kServer;
    case SpanKind::Client:
        return otel::trace::SpanKind::kClient;
    case SpanKind::Producer:
        return otel::trace::SpanKind::kProducer;
    case SpanKind::Consumer:
        return otel::trace::SpanKind::kConsumer;
    case SpanKind::Internal:
        break;
    }
    return otel::trace::SpanKind::kInternal;
}

otel::trace::SpanContext toOtel(const TraceContext& c)
{
    return otel::trace::SpanContext(
        otel::trace::TraceId(otel::nostd::span<const uint8_t, 16>(c.traceId.data(), 16)),
        otel::trace::SpanId(otel::nostd::span<const uint8_t, 8>(c.spanId.data(), 8)),
        otel::trace::TraceFlags(c.flags), c.remote,
        c.traceState.isEmpty()
            ? otel::trace::TraceState::GetDefault()
            : otel::trace::TraceState::FromHeader(otel::nostd::string_view(
                c.traceState.constData(), static_cast<std::size_t>(c.traceState.size()))));
}

TraceContext fromOtel(const otel::trace::SpanContext& c)
{
    TraceContext context;
    c.trace_id().CopyBytesTo(otel::nostd::span<uint8_t, 16>(context.traceId.data(), 16));
    c.span_id().CopyBytesTo(otel::nostd::span<uint8_t, 8>(context.spanId.data(), 8));
    context.flags = c.trace_flags().flags();
    const std::string state = c.trace_state()->ToHeader();
    context.traceState = QByteArray::fromStdString(state);
    return context;
}

} // namespace

namespace backend {

bool start(const TracingSettings& settings, QString* error)
{
    if (g_pipeline.load())
        return true;
    internal_log::GlobalLogHandler::SetLogHandler(
        otel::nostd::shared_ptr<internal_log::LogHandler>(new RateLimitedLog));
    internal_log::GlobalLogHandler::SetLogLevel(internal_log::LogLevel::Warning);

    otel::exporter::otlp::OtlpHttpExporterOptions options; // reads OTEL_EXPORTER_OTLP_*
    if (!settings.tracesUrl.isEmpty())
        options.url = settings.tracesUrl.toStdString();
    if (options.url.empty()) {
        *error = QStringLiteral("no OTLP endpoint");
        return false;
    }
    options.timeout = std::min<std::chrono::system_clock::duration>(
        options.timeout, settings.batch.exportTimeout);
    auto exporter = otel::exporter::otlp::OtlpHttpExporterFactory::Create(options);
    if (!exporter) {
        *error = QStringLiteral("the OTLP exporter could not be created");
        return false;
    }

    otel::sdk::resource::ResourceAttributes attributes {
        {"service.version", std::string(QD_VERSION)},
        {"service.instance.id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()},
        {"process.pid", static_cast<int64_t>(QCoreApplication::applicationPid())},
        {"host.name", QHostInfo::localHostName().toStdString()}};
    if (!settings.serviceName.isEmpty())
        attributes.SetAttribute("service.name", settings.serviceName.toStdString());
    auto pipeline = std::make_unique<Pipeline>();
    pipeline->provider = std::make_shared<sdktrace::TracerProvider>(
        std::make_unique<QueueProcessor>(std::move(exporter), settings.batch),
        otel::sdk::resource::Resource::Create(attributes),
        std::make_unique<sdktrace::AlwaysOnSampler>()); // sampling is decided in the facade
    pipeline->tracer = pipeline->provider->GetTracer("queuedeck", QD_VERSION);
    spdlog::info("tracing: exporting to {}", options.url);
    g_pipeline.store(pipeline.release());
    return true;
}

void shutdown(std::chrono::milliseconds timeout)
{
    if (Pipeline* pipeline = g_pipeline.load())
        pipeline->provider->Shutdown(timeout);
}

std::unique_ptr<SpanBackend> startSpan(
    std::string_view name, SpanKind kind, const TraceContext& parent, TraceContext& context)
{
    Pipeline* pipeline = g_pipeline.load();
    if (!pipeline)
        return nullptr;
    otel::trace::StartSpanOptions options;
    options.kind = toOtel(kind);
    if (parent.isValid())
        options.parent = toOtel(parent);
    auto span = pipeline->tracer->StartSpan(view(name), options);
    context = fromOtel(span->GetContext());
    return std::make_unique<OtelSpan>(std::move(span));
}

} // namespace backend
} // namespace qd::telemetry
