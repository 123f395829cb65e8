#include "core/telemetry/TracingSettings.h"

#include <QByteArray>

#include <cmath>

namespace qd::telemetry {
namespace {

bool isTrue(const QString& value)
{
    return value.trimmed().compare(u"true", Qt::CaseInsensitive) == 0;
}

// A non-negative integer variable; the default, with a warning, for anything else.
template <typename T>
void readCount(
    const EnvLookup& env, const char* name, T& out, QStringList& warnings, qint64 minimum = 0)
{
    const QString text = env(name).trimmed();
    if (text.isEmpty())
        return;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > 1'000'000'000) {
        warnings.append(QStringLiteral("%1=%2 is not a whole number of at least %3; using %4")
                            .arg(QString::fromLatin1(name), text)
                            .arg(minimum)
                            .arg(static_cast<qint64>(T(out).count())));
        return;
    }
    out = T(value);
}

void readInt(const EnvLookup& env, const char* name, int& out, QStringList& warnings)
{
    std::chrono::milliseconds value {out};
    readCount(env, name, value, warnings, 1);
    out = static_cast<int>(value.count());
}

} // namespace

EnvLookup processEnvironment()
{
    return [](const char* name) { return qEnvironmentVariable(name); };
}

TracingSettings resolveSettings(
    const TracingConfig& config, const QString& defaultServiceName, const EnvLookup& env)
{
    TracingSettings s;
    const bool endpointInEnv = !env("OTEL_EXPORTER_OTLP_ENDPOINT").trimmed().isEmpty()
        || !env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").trimmed().isEmpty();
    const QString exporter = env("OTEL_TRACES_EXPORTER").trimmed().toLower();
    if (isTrue(env("OTEL_SDK_DISABLED"))) {
        s.why = QStringLiteral("OTEL_SDK_DISABLED=true");
    } else if (exporter == u"none") {
        s.why = QStringLiteral("OTEL_TRACES_EXPORTER=none");
    } else if (config.enabled.has_value()) {
        s.enabled = *config.enabled;
        s.why = s.enabled ? QStringLiteral("tracing.enabled is true")
                          : QStringLiteral("tracing.enabled is false");
    } else {
        s.enabled = endpointInEnv;
        s.why = s.enabled ? QStringLiteral("an OTEL_EXPORTER_OTLP endpoint variable is set")
                          : QStringLiteral("not configured");
    }
    if (!exporter.isEmpty() && exporter != u"otlp" && exporter != u"none")
        s.warnings.append(
            QStringLiteral("OTEL_TRACES_EXPORTER=%1 is not supported; using otlp").arg(exporter));
    const QString protocol = (env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL").isEmpty()
            ? env("OTEL_EXPORTER_OTLP_PROTOCOL")
            : env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"))
                                 .trimmed();
    if (!protocol.isEmpty() && protocol != u"http/protobuf" && protocol != u"http/json")
        s.warnings.append(QStringLiteral(
            "OTLP protocol %1 is not supported (http/protobuf or http/json); using http/protobuf")
                              .arg(protocol));

    if (!config.endpoint.isEmpty()) {
        QString base = config.endpoint;
        while (base.endsWith(u'/'))
            base.chop(1);
        s.tracesUrl = base + QStringLiteral("/v1/traces");
    }

    const bool namedInEnv = !env("OTEL_SERVICE_NAME").trimmed().isEmpty()
        || env("OTEL_RESOURCE_ATTRIBUTES").contains(QStringLiteral("service.name="));
    if (!namedInEnv)
        s.serviceName = defaultServiceName;

    s.sampler.ratio = config.sampleRatio;
    s.sampler.pollRatio = config.pollSampleRatio;
    const QString sampler = env("OTEL_TRACES_SAMPLER").trimmed().toLower();
    if (!sampler.isEmpty()) {
        const QString argText = env("OTEL_TRACES_SAMPLER_ARG").trimmed();
        const auto ratioArg = [&]() -> double {
            bool ok = false;
            const double value = argText.toDouble(&ok);
            if (argText.isEmpty())
                return 1.0;
            if (!ok || !(value >= 0.0 && value <= 1.0)) {
                s.warnings.append(
                    QStringLiteral("OTEL_TRACES_SAMPLER_ARG=%1 is not a ratio from 0 to 1; using 1")
                        .arg(argText));
                return 1.0;
            }
            return value;
        };
        if (sampler == u"always_on" || sampler == u"parentbased_always_on") {
            s.sampler.ratio = 1.0;
        } else if (sampler == u"always_off" || sampler == u"parentbased_always_off") {
            s.sampler.ratio = 0.0;
            s.sampler.pollRatio = 0.0;
        } else if (sampler == u"traceidratio" || sampler == u"parentbased_traceidratio") {
            s.sampler.ratio = ratioArg();
        } else {
            s.warnings.append(QStringLiteral(
                "OTEL_TRACES_SAMPLER=%1 is not supported; using parentbased_always_on")
                                  .arg(sampler));
        }
        if (sampler == u"always_on" || sampler == u"always_off" || sampler == u"traceidratio")
            s.sampler.parentBased = false;
    }

    BatchSettings& b = s.batch;
    readInt(env, "OTEL_BSP_MAX_QUEUE_SIZE", b.maxQueueSize, s.warnings);
    readInt(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", b.maxExportBatchSize, s.warnings);
    readCount(env, "OTEL_BSP_SCHEDULE_DELAY", b.scheduleDelay, s.warnings);
    readCount(env, "OTEL_BSP_EXPORT_TIMEOUT", b.exportTimeout, s.warnings, 1);
    if (b.maxExportBatchSize > b.maxQueueSize) {
        s.warnings.append(QStringLiteral(
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE is above the queue size; using the queue size"));
        b.maxExportBatchSize = b.maxQueueSize;
    }
    return s;
}

bool shouldSample(
    const SamplerSettings& sampler, TraceKind kind, const TraceContext& parent, double uniform)
{
    if (parent.isValid() && (!parent.remote || sampler.parentBased))
        return parent.sampled();
    const double ratio = kind == TraceKind::Poll ? sampler.pollRatio : sampler.ratio;
    return uniform < ratio;
}

} // namespace qd::telemetry
