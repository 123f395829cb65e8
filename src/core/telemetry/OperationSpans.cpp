#include "core/telemetry/OperationSpans.h"

namespace qd::telemetry {

Span pollSpan(const QString& cluster)
{
    Span span = Span::startTrace("queuedeck.poll", SpanKind::Internal, TraceKind::Poll);
    span.set("queuedeck.cluster.name", cluster);
    return span;
}

void endPoll(Span& span, const QString& failureKind, const QString& message)
{
    if (!failureKind.isEmpty())
        span.setError(message, failureKind.toStdString());
    span.end();
}

std::shared_ptr<Span> requestSpan(const QString& method, const QString& route,
    QByteArrayView traceparent, QByteArrayView tracestate, const QString& path, quint16 port)
{
    TraceContext parent;
    if (auto remote = parseTraceparent(traceparent)) {
        parent = *remote;
        parent.traceState = tracestate.toByteArray();
    }
    const bool matched = !route.startsWith(u'(');
    const QString name = matched ? method + u' ' + route : method;
    auto span = std::make_shared<Span>(
        Span::startTrace(name.toStdString(), SpanKind::Server, TraceKind::Request, parent));
    span->set("http.request.method", method)
        .set("url.path", path)
        .set("url.scheme", "http")
        .set("server.port", static_cast<qint64>(port));
    if (matched)
        span->set("http.route", route);
    return span;
}

void endRequest(Span& span, int status)
{
    span.set("http.response.status_code", static_cast<qint64>(status));
    if (status >= 500)
        span.setError(QStringLiteral("HTTP %1").arg(status), std::to_string(status));
    span.end();
}

Span actionSpan(const QString& type, const QStringList& targets)
{
    Span span = Span::start(QStringLiteral("queuedeck.%1").arg(type).toStdString(),
        SpanKind::Internal, TraceKind::Action);
    span.set("queuedeck.action", type)
        .set("queuedeck.cluster.count", static_cast<qint64>(targets.size()));
    return span;
}

void endAction(Span& span, qsizetype failed, qsizetype total, bool cancelled)
{
    if (cancelled)
        span.setError(QStringLiteral("cancelled"), "cancelled");
    else if (failed > 0)
        span.setError(QStringLiteral("%1/%2 clusters failed").arg(failed).arg(total), "partial");
    span.end();
}

Span actionTargetSpan(const QString& type, const QString& cluster, const TraceContext& action)
{
    Span span = Span::start(QStringLiteral("queuedeck.%1.cluster").arg(type).toStdString(),
        SpanKind::Internal, TraceKind::Action, action);
    span.set("queuedeck.action", type).set("queuedeck.cluster.name", cluster);
    return span;
}

void endActionTarget(Span& span, bool success, const QString& message)
{
    if (!success)
        span.setError(message, "action_failed");
    span.end();
}

} // namespace qd::telemetry
