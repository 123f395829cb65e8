#include "core/telemetry/TraceContext.h"

#include <QRandomGenerator>

#include <algorithm>

namespace qd::telemetry {
namespace {

template <std::size_t N>
bool allZero(const std::array<quint8, N>& bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](quint8 b) { return b == 0; });
}

int lowerHexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; // uppercase is invalid in traceparent
}

template <std::size_t N>
bool readHex(QByteArrayView text, std::array<quint8, N>& out)
{
    if (text.size() != static_cast<qsizetype>(2 * N))
        return false;
    for (std::size_t i = 0; i < N; ++i) {
        const int hi = lowerHexDigit(text[static_cast<qsizetype>(2 * i)]);
        const int lo = lowerHexDigit(text[static_cast<qsizetype>(2 * i + 1)]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<quint8>(hi * 16 + lo);
    }
    return true;
}

template <std::size_t N>
QByteArray toHex(const std::array<quint8, N>& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(N))
        .toHex();
}

template <std::size_t N>
void randomNonZero(std::array<quint8, N>& bytes)
{
    do {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()), N / 4);
    } while (allZero(bytes));
}

} // namespace

bool TraceContext::isValid() const
{
    return !allZero(traceId) && !allZero(spanId);
}

QString TraceContext::traceIdHex() const
{
    return isValid() ? QString::fromLatin1(toHex(traceId)) : QString();
}

QString TraceContext::spanIdHex() const
{
    return isValid() ? QString::fromLatin1(toHex(spanId)) : QString();
}

TraceContext TraceContext::generate(bool sampled)
{
    return generate(sampled, TraceContext());
}

TraceContext TraceContext::generate(bool sampled, const TraceContext& trace)
{
    TraceContext context;
    if (trace.isValid()) {
        context.traceId = trace.traceId;
        context.traceState = trace.traceState;
    } else {
        randomNonZero(context.traceId);
    }
    randomNonZero(context.spanId);
    context.flags = sampled ? 0x01 : 0x00;
    return context;
}

std::optional<TraceContext> parseTraceparent(QByteArrayView header)
{
    // version "-" trace-id "-" parent-id "-" trace-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2
    constexpr qsizetype kLength = 55;
    const QByteArrayView text = header.trimmed();
    if (text.size() < kLength)
        return std::nullopt;
    std::array<quint8, 1> version {};
    if (!readHex(text.first(2), version) || version[0] == 0xff)
        return std::nullopt;
    // Version 00 is exactly 55 characters; a later version may append fields after a dash.
    if (text.size() != kLength && (version[0] == 0 || text[kLength] != '-'))
        return std::nullopt;
    if (text[2] != '-' || text[35] != '-' || text[52] != '-')
        return std::nullopt;
    TraceContext context;
    std::array<quint8, 1> flags {};
    if (!readHex(text.sliced(3, 32), context.traceId)
        || !readHex(text.sliced(36, 16), context.spanId) || !readHex(text.sliced(53, 2), flags)
        || !context.isValid())
        return std::nullopt;
    context.flags = flags[0];
    context.remote = true;
    return context;
}

QByteArray formatTraceparent(const TraceContext& context)
{
    if (!context.isValid())
        return {};
    return "00-" + toHex(context.traceId) + '-' + toHex(context.spanId) + '-'
        + QByteArray::number(context.flags, 16).rightJustified(2, '0');
}

} // namespace qd::telemetry
