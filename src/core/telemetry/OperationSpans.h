#pragma once

#include "core/telemetry/Telemetry.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <memory>

// The spans of QueueDeck's own operations, named and attributed in one place so the hooks in
// the engine, the API and the actions stay one line each (docs/observability.md lists them).
namespace qd::telemetry {

// `queuedeck.poll`: the root of one short trace per poll tick and cluster.
Span pollSpan(const QString& cluster);
// Ends it; `failureKind` empty for a successful poll.
void endPoll(Span& span, const QString& failureKind, const QString& message);

// The SERVER span of one API request, named "{METHOD} {route template}", child of the
// caller's traceparent when it sent a valid one. Shared, because the reply may be sent later.
std::shared_ptr<Span> requestSpan(const QString& method, const QString& route,
    QByteArrayView traceparent, QByteArrayView tracestate, const QString& path, quint16 port);
// Ends it with the status; 5xx marks it ERROR (4xx are the client's, not the server's).
void endRequest(Span& span, int status);

// `queuedeck.<type>`: one trace per action, child of the span current where it is submitted
// (the API request that created it).
Span actionSpan(const QString& type, const QStringList& targets);
// The action's end: ERROR with "2/3 clusters failed" when any target failed.
void endAction(Span& span, qsizetype failed, qsizetype total, bool cancelled);
// `queuedeck.<type>.cluster`: the work on one target, on a pool thread.
Span actionTargetSpan(const QString& type, const QString& cluster, const TraceContext& action);
void endActionTarget(Span& span, bool success, const QString& message);

} // namespace qd::telemetry
