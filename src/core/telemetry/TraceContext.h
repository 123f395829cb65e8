#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <optional>

namespace qd::telemetry {

// The W3C trace context of one span: what crosses thread, process and queue boundaries.
// Plain data, independent of the tracing SDK, so every layer can carry it.
struct TraceContext {
    std::array<quint8, 16> traceId {};
    std::array<quint8, 8> spanId {};
    quint8 flags = 0; // W3C trace flags; bit 0 = sampled
    bool remote = false; // came from another process (an HTTP header, a job)
    QByteArray traceState; // passed through untouched

    // Both ids present and not all zero.
    bool isValid() const;
    bool sampled() const { return (flags & 0x01) != 0; }
    QString traceIdHex() const; // 32 lowercase hex digits; empty when invalid
    QString spanIdHex() const; // 16 lowercase hex digits; empty when invalid

    // A new random context (never all-zero ids): a new trace, or a new span in `trace` when
    // that is valid.
    static TraceContext generate(bool sampled);
    static TraceContext generate(bool sampled, const TraceContext& trace);
    friend bool operator==(const TraceContext&, const TraceContext&) = default;
};

// Parses a W3C `traceparent` header. Returns nothing for anything the specification calls
// invalid (uppercase hex, version ff, all-zero ids, wrong lengths or separators), in which
// case the receiver starts a new trace. Versions above 00 are read by their 00 prefix.
std::optional<TraceContext> parseTraceparent(QByteArrayView header);
// "00-<trace id>-<span id>-<flags>"; empty for an invalid context.
QByteArray formatTraceparent(const TraceContext& context);

} // namespace qd::telemetry
