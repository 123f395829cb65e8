// The tracing facade without a receiver: W3C traceparent parsing and formatting at its edges,
// the sampler and batch settings read from the `tracing` block and the OTEL_* variables, the
// sampling decision, the `tracing` config block, and spans staying no-ops while tracing is off.

#include "core/config/ConfigReader.h"
#include "core/config/ConfigWriter.h"
#include "core/telemetry/Telemetry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <map>

using namespace qd;
using namespace qd::telemetry;

namespace {

const QByteArray kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

EnvLookup env(std::map<QString, QString> values)
{
    return [values = std::move(values)](const char* name) {
        const auto it = values.find(QString::fromLatin1(name));
        return it == values.end() ? QString() : it->second;
    };
}

QJsonObject configWith(const QJsonObject& tracing)
{
    return {{QStringLiteral("clusters"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("a")},
                    {QStringLiteral("endpoint"), QStringLiteral("127.0.0.1:6379")}}}},
        {QStringLiteral("tracing"), tracing}};
}

QStringList errorPaths(const ConfigReadResult& result)
{
    QStringList paths;
    for (const ConfigIssue& issue : result.issues) {
        if (issue.isError())
            paths.append(issue.path);
    }
    return paths;
}

} // namespace

class TestTelemetry final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void traceparentValidRoundTrips()
    {
        const auto context = parseTraceparent(kValid);
        QVERIFY(context);
        QVERIFY(context->isValid());
        QVERIFY(context->sampled());
        QVERIFY(context->remote);
        QCOMPARE(context->traceIdHex(), QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(context->spanIdHex(), QStringLiteral("00f067aa0ba902b7"));
        QCOMPARE(formatTraceparent(*context), kValid);
        const auto unsampled
            = parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        QVERIFY(unsampled && !unsampled->sampled());
        QCOMPARE(formatTraceparent(*unsampled).right(3), QByteArray("-00"));
        // Surrounding whitespace is allowed in header values.
        QVERIFY(parseTraceparent(QByteArray("  " + kValid + " ")));
    }

    void traceparentRejects_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("uppercase trace id")
            << QByteArray("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01");
        QTest::newRow("uppercase span id")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01");
        QTest::newRow("uppercase flags")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A");
        QTest::newRow("version ff")
            << QByteArray("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        QTest::newRow("all-zero trace id")
            << QByteArray("00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        QTest::newRow("all-zero span id")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01");
        QTest::newRow("short trace id")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01");
        QTest::newRow("long span id")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7a-01");
        QTest::newRow("short flags")
            << QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
        QTest::newRow("version 00 with a tail") << kValid + "-extra";
        QTest::newRow("wrong separator")
            << QByteArray("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        QTest::newRow("not hex") << QByteArray(
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01");
        QTest::newRow("one-digit version")
            << QByteArray("0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        QTest::newRow("future version, tail without dash") << "cc" + kValid.mid(2) + "x";
    }

    void traceparentRejects()
    {
        QFETCH(QByteArray, header);
        QVERIFY2(!parseTraceparent(header), header.constData());
    }

    void futureVersionIsReadByItsPrefix()
    {
        const auto context
            = parseTraceparent(QByteArray("cc" + kValid.mid(2) + "-what-comes-next"));
        QVERIFY(context);
        QCOMPARE(context->traceIdHex(), QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    void generatedIdsAreLowercaseHexAndNeverZero()
    {
        for (int i = 0; i < 200; ++i) {
            const TraceContext c = TraceContext::generate(i % 2 == 0);
            QVERIFY(c.isValid());
            QCOMPARE(c.sampled(), i % 2 == 0);
            const QByteArray header = formatTraceparent(c);
            QCOMPARE(header.size(), 55);
            QCOMPARE(header, header.toLower());
            QVERIFY(parseTraceparent(header));
        }
        const TraceContext parent = *parseTraceparent(kValid);
        const TraceContext child = TraceContext::generate(true, parent);
        QCOMPARE(child.traceId, parent.traceId);
        QVERIFY(child.spanId != parent.spanId);
        QCOMPARE(formatTraceparent(TraceContext()), QByteArray());
    }

    void tracingIsOffUnlessConfigured()
    {
        const TracingConfig none;
        QVERIFY(!resolveSettings(none, QStringLiteral("qd"), env({})).enabled);
        QVERIFY(resolveSettings(none, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT"), QStringLiteral("http://c:4318")}}))
                    .enabled);
        QVERIFY(resolveSettings(none, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
                QStringLiteral("http://c:4318/v1/traces")}}))
                    .enabled);
        TracingConfig on;
        on.enabled = true;
        QVERIFY(resolveSettings(on, QStringLiteral("qd"), env({})).enabled);
        TracingConfig off;
        off.enabled = false;
        QVERIFY(!resolveSettings(off, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT"), QStringLiteral("http://c:4318")}}))
                     .enabled);
        // The kill switches win over everything.
        QVERIFY(!resolveSettings(on, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_SDK_DISABLED"), QStringLiteral("TRUE")}}))
                     .enabled);
        QVERIFY(!resolveSettings(on, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_EXPORTER"), QStringLiteral("none")}}))
                     .enabled);
    }

    void endpointAndServiceName()
    {
        TracingConfig config;
        config.endpoint = QStringLiteral("http://collector:4318/");
        TracingSettings s = resolveSettings(config, QStringLiteral("queuedeck-server"), env({}));
        QCOMPARE(s.tracesUrl, QStringLiteral("http://collector:4318/v1/traces"));
        QCOMPARE(s.serviceName, QStringLiteral("queuedeck-server"));
        s = resolveSettings({}, QStringLiteral("queuedeck-server"),
            env({{QStringLiteral("OTEL_SERVICE_NAME"), QStringLiteral("billing-queues")}}));
        QVERIFY(s.tracesUrl.isEmpty());
        QVERIFY2(s.serviceName.isEmpty(), "the SDK takes OTEL_SERVICE_NAME itself");
        s = resolveSettings({}, QStringLiteral("queuedeck-server"),
            env({{QStringLiteral("OTEL_RESOURCE_ATTRIBUTES"),
                QStringLiteral("deployment.environment.name=prod,service.name=x")}}));
        QVERIFY(s.serviceName.isEmpty());
    }

    void samplerFromConfigAndEnvironment()
    {
        TracingConfig config;
        config.sampleRatio = 0.5;
        config.pollSampleRatio = 0.05;
        SamplerSettings s = resolveSettings(config, QStringLiteral("qd"), env({})).sampler;
        QCOMPARE(s.ratio, 0.5);
        QCOMPARE(s.pollRatio, 0.05);
        QVERIFY(s.parentBased);

        s = resolveSettings(config, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_SAMPLER"), QStringLiteral("traceidratio")},
                {QStringLiteral("OTEL_TRACES_SAMPLER_ARG"), QStringLiteral("0.25")}}))
                .sampler;
        QCOMPARE(s.ratio, 0.25);
        QCOMPARE(s.pollRatio, 0.05);
        QVERIFY(!s.parentBased);

        s = resolveSettings(config, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_SAMPLER"),
                QStringLiteral("parentbased_always_off")}}))
                .sampler;
        QCOMPARE(s.ratio, 0.0);
        QCOMPARE(s.pollRatio, 0.0);
        QVERIFY(s.parentBased);

        s = resolveSettings(config, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_SAMPLER"), QStringLiteral("always_on")}}))
                .sampler;
        QCOMPARE(s.ratio, 1.0);
        QVERIFY(!s.parentBased);

        const TracingSettings bad = resolveSettings(config, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_SAMPLER"),
                     QStringLiteral("parentbased_traceidratio")},
                {QStringLiteral("OTEL_TRACES_SAMPLER_ARG"), QStringLiteral("1.5")}}));
        QCOMPARE(bad.sampler.ratio, 1.0);
        QCOMPARE(bad.warnings.size(), 1);
        QVERIFY(bad.warnings.first().contains(QStringLiteral("OTEL_TRACES_SAMPLER_ARG")));

        const TracingSettings unknown = resolveSettings(config, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_TRACES_SAMPLER"), QStringLiteral("jaeger_remote")}}));
        QCOMPARE(unknown.sampler.ratio, 0.5);
        QCOMPARE(unknown.warnings.size(), 1);
    }

    void batchSettingsFromEnvironment()
    {
        BatchSettings b = resolveSettings({}, QStringLiteral("qd"), env({})).batch;
        QCOMPARE(b.maxQueueSize, 2048);
        QCOMPARE(b.scheduleDelay.count(), 5000);
        QCOMPARE(b.maxExportBatchSize, 512);
        QCOMPARE(b.exportTimeout.count(), 30000);
        const TracingSettings s = resolveSettings({}, QStringLiteral("qd"),
            env({{QStringLiteral("OTEL_BSP_MAX_QUEUE_SIZE"), QStringLiteral("100")},
                {QStringLiteral("OTEL_BSP_SCHEDULE_DELAY"), QStringLiteral("50")},
                {QStringLiteral("OTEL_BSP_MAX_EXPORT_BATCH_SIZE"), QStringLiteral("500")},
                {QStringLiteral("OTEL_BSP_EXPORT_TIMEOUT"), QStringLiteral("-3")}}));
        QCOMPARE(s.batch.maxQueueSize, 100);
        QCOMPARE(s.batch.scheduleDelay.count(), 50);
        QCOMPARE(s.batch.maxExportBatchSize, 100); // never above the queue
        QCOMPARE(s.batch.exportTimeout.count(), 30000);
        QCOMPARE(s.warnings.size(), 2);
    }

    void samplingDecision()
    {
        SamplerSettings s;
        s.ratio = 0.25;
        s.pollRatio = 0.0;
        QVERIFY(shouldSample(s, TraceKind::Request, {}, 0.1));
        QVERIFY(!shouldSample(s, TraceKind::Request, {}, 0.3));
        QVERIFY(shouldSample(s, TraceKind::Action, {}, 0.2));
        QVERIFY(!shouldSample(s, TraceKind::Poll, {}, 0.0));
        s.pollRatio = 1.0;
        QVERIFY(shouldSample(s, TraceKind::Poll, {}, 0.999));

        TraceContext remoteSampled = *parseTraceparent(kValid);
        TraceContext remoteUnsampled = remoteSampled;
        remoteUnsampled.flags = 0;
        // Parent-based: the caller's decision holds, whatever the ratio.
        QVERIFY(shouldSample(s, TraceKind::Request, remoteSampled, 0.99));
        QVERIFY(!shouldSample(s, TraceKind::Request, remoteUnsampled, 0.0));
        // Not parent-based: the ratio decides for remote parents ...
        s.parentBased = false;
        QVERIFY(!shouldSample(s, TraceKind::Request, remoteSampled, 0.99));
        QVERIFY(shouldSample(s, TraceKind::Request, remoteUnsampled, 0.0));
        // ... but a local parent's children always follow it, so traces are never torn.
        TraceContext local = remoteSampled;
        local.remote = false;
        QVERIFY(shouldSample(s, TraceKind::Request, local, 0.99));
        local.flags = 0;
        QVERIFY(!shouldSample(s, TraceKind::Request, local, 0.0));
    }

    void spansAreNoOpsWhileTracingIsOff()
    {
        QVERIFY(!enabled());
        Span span = Span::start("queuedeck.test", SpanKind::Internal, TraceKind::Action);
        QVERIFY(!span.isRecording());
        QVERIFY(!span.context().isValid());
        span.set("queuedeck.cluster.name", QStringLiteral("a")).set("n", 3);
        span.setError(QStringLiteral("1/1 clusters failed"));
        {
            const Scope scope(*parseTraceparent(kValid));
            QCOMPARE(
                currentContext().traceIdHex(), QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        }
        QVERIFY(!currentContext().isValid());
    }

    void configBlockIsReadValidatedAndWritten()
    {
        ConfigReadResult r = ConfigReader::fromObject(configWith({{QStringLiteral("enabled"), true},
            {QStringLiteral("endpoint"), QStringLiteral("http://127.0.0.1:4318")},
            {QStringLiteral("sample_ratio"), 0.5}, {QStringLiteral("poll_sample_ratio"), 0.1}}));
        QVERIFY(errorPaths(r).isEmpty());
        QCOMPARE(r.config.tracing.enabled, std::optional<bool>(true));
        QCOMPARE(r.config.tracing.endpoint, QStringLiteral("http://127.0.0.1:4318"));
        QCOMPARE(r.config.tracing.sampleRatio, 0.5);
        QCOMPARE(r.config.tracing.pollSampleRatio, 0.1);
        const QJsonObject written = ConfigWriter::toJson(r.config);
        QCOMPARE(written.value(QStringLiteral("tracing")).toObject(),
            configWith({{QStringLiteral("enabled"), true},
                           {QStringLiteral("endpoint"), QStringLiteral("http://127.0.0.1:4318")},
                           {QStringLiteral("sample_ratio"), 0.5},
                           {QStringLiteral("poll_sample_ratio"), 0.1}})
                .value(QStringLiteral("tracing"))
                .toObject());
        QCOMPARE(ConfigReader::fromObject(written).config.tracing, r.config.tracing);

        r = ConfigReader::fromObject(configWith(
            {{QStringLiteral("sample_ratio"), 1.5}, {QStringLiteral("poll_sample_ratio"), -0.1},
                {QStringLiteral("endpoint"), QStringLiteral("collector:4318")}}));
        QCOMPARE(errorPaths(r),
            (QStringList {QStringLiteral("tracing.sample_ratio"),
                QStringLiteral("tracing.poll_sample_ratio"), QStringLiteral("tracing.endpoint")}));
        r = ConfigReader::fromObject(configWith({{QStringLiteral("enabled"), QStringLiteral("yes")},
            {QStringLiteral("endpoint"), QStringLiteral("http://user:pw@c:4318")}}));
        QCOMPARE(errorPaths(r),
            (QStringList {QStringLiteral("tracing.enabled"), QStringLiteral("tracing.endpoint")}));
        // Unknown keys are warnings with their path, like everywhere else in the file.
        r = ConfigReader::fromObject(configWith({{QStringLiteral("sampler"), 1}}));
        QVERIFY(errorPaths(r).isEmpty());
        bool warned = false;
        for (const ConfigIssue& issue : r.issues)
            warned = warned || issue.path == u"tracing.sampler";
        QVERIFY(warned);
        // A config without the block writes none.
        QVERIFY(!ConfigWriter::toJson(ConfigReader::fromObject(configWith({})).config)
                     .value(QStringLiteral("tracing"))
                     .toObject()
                     .contains(QStringLiteral("enabled")));
    }
};

QTEST_GUILESS_MAIN(TestTelemetry)
#include "TestTelemetry.moc"
