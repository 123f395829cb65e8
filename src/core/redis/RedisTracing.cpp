#include "core/redis/RedisTracing.h"

namespace qd::telemetry {
namespace {

// The command names of an encoded pipeline (RESP arrays of bulk strings), in order of first
// appearance: the only part of a command that goes into a span.
QList<QByteArray> commandNames(const QByteArray& encoded)
{
    QList<QByteArray> names;
    qsizetype p = 0;
    const auto readNumber = [&](char marker) -> qsizetype {
        if (p >= encoded.size() || encoded[p] != marker)
            return -1;
        const qsizetype end = encoded.indexOf("\r\n", p);
        if (end < 0)
            return -1;
        bool ok = false;
        const qsizetype n = encoded.mid(p + 1, end - p - 1).toLongLong(&ok);
        p = end + 2;
        return ok ? n : -1;
    };
    while (p < encoded.size()) {
        const qsizetype args = readNumber('*');
        if (args <= 0)
            break;
        for (qsizetype i = 0; i < args; ++i) {
            const qsizetype length = readNumber('$');
            if (length < 0 || p + length > encoded.size())
                return names;
            if (i == 0) {
                const QByteArray name = encoded.mid(p, length).toUpper();
                if (!names.contains(name))
                    names.append(name);
            }
            p += length + 2;
        }
    }
    return names;
}

} // namespace

RedisSpan::RedisSpan(const redis::ConnectionSettings& settings, const redis::Pipeline& pipeline)
{
    if (!currentContext().isValid())
        return; // Redis work outside a traced operation is not worth a trace of its own
    const QList<QByteArray> names = commandNames(pipeline.encoded());
    const QByteArray single = names.size() == 1 ? names.constFirst() : QByteArray();
    const QByteArray operation = pipeline.size() == 1 ? single
        : single.isEmpty()                            ? QByteArrayLiteral("PIPELINE")
                                                      : "PIPELINE " + single;
    m_span = Span::start(operation.toStdString(), SpanKind::Client, TraceKind::Poll);
    if (!m_span.isRecording())
        return;
    const redis::Endpoint& e = settings.endpoint;
    m_span.set("db.system.name", "redis")
        .set("db.system", "redis") // older backends draw service graphs from this one
        .set("db.operation.name",
            std::string_view(operation.constData(), static_cast<std::size_t>(operation.size())))
        .set("db.namespace", QString::number(settings.db))
        .set("server.address", e.isUnix() ? e.unixPath : e.host);
    if (!e.isUnix())
        m_span.set("server.port", static_cast<qint64>(e.port));
    if (pipeline.size() > 1)
        m_span.set("db.operation.batch.size", static_cast<qint64>(pipeline.size()));
    if (!settings.clusterName.isEmpty())
        m_span.set("queuedeck.cluster.name", settings.clusterName);
}

QList<redis::Reply> RedisSpan::finish(QList<redis::Reply> replies)
{
    if (!m_span.isRecording())
        return replies;
    qsizetype failed = 0;
    QByteArray code;
    for (const redis::Reply& reply : replies) {
        // Redirections are how Redis Cluster routes, not failures.
        if (!reply.isError() || reply.isErrorCode("MOVED") || reply.isErrorCode("ASK"))
            continue;
        if (failed++ == 0)
            code = reply.errorCode().toByteArray();
    }
    if (failed > 0) {
        const std::string prefix = code.toStdString();
        m_span.set("db.response.status_code", std::string_view(prefix));
        m_span.setError(QStringLiteral("%1 of %2 commands failed: %3")
                            .arg(failed)
                            .arg(replies.size())
                            .arg(QString::fromLatin1(code)),
            prefix);
    }
    m_span.end();
    return replies;
}

void RedisSpan::fail(const std::exception& error)
{
    if (!m_span.isRecording())
        return;
    const auto* connection = dynamic_cast<const redis::ConnectionError*>(&error);
    m_span.setError(QString::fromUtf8(error.what()),
        connection ? redis::ConnectionError::kindName(connection->kind()).toStdString()
                   : std::string("exception"));
    m_span.end();
}

} // namespace qd::telemetry
