#include "gui/Format.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace qd::gui {

QString Format::count(qint64 value)
{
    return QLocale().toString(value);
}

QString Format::number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString Format::rate(double perSecond)
{
    // Small rates keep two decimals: 0.04 jobs/s is not "0.0/s" to someone waiting for a job.
    const double size = std::abs(perSecond);
    return tr("%1/s").arg(number(perSecond, size >= 100 ? 0 : size >= 10 ? 1 : 2));
}

QString Format::percent(double ratio)
{
    return tr("%1 %").arg(number(ratio * 100, 1));
}

QString Format::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString Format::latency(double ms)
{
    if (ms >= 1000)
        return tr("%1 s").arg(number(ms / 1000, 2));
    return tr("%1 ms").arg(number(ms, ms < 10 ? 2 : 1));
}

QString Format::age(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString Format::optionalAge(const std::optional<qint64>& ms)
{
    return ms ? age(*ms) : dash();
}

QString Format::time(const QDateTime& utc)
{
    // Seconds matter here (polls are seconds apart), which the locale's short format drops.
    return utc.toLocalTime().time().toString(u"HH:mm:ss"_s);
}

QString Format::ago(const QDateTime& utc, const QDateTime& now)
{
    if (!utc.isValid())
        return dash();
    const qint64 ms = std::max<qint64>(0, utc.msecsTo(now));
    return tr("%1 ago").arg(age(ms));
}

QString Format::metricTitle(const QString& metric)
{
    static const QString queuePrefix = u"queue_size:"_s;
    if (metric.startsWith(queuePrefix))
        return tr("Queue “%1”").arg(metric.mid(queuePrefix.size()));
    if (metric == u"queue_size")
        return tr("Queued jobs");
    if (metric == u"processing_count")
        return tr("Processing");
    if (metric == u"dead_letter_count")
        return tr("Dead letters");
    if (metric == u"worker_count")
        return tr("Live workers");
    if (metric == u"job_rate")
        return tr("Job rate");
    if (metric == u"error_rate")
        return tr("Error rate");
    if (metric == u"latency_ms")
        return tr("Poll latency");
    if (metric == u"completed_count")
        return tr("Completed");
    if (metric == u"known_workers")
        return tr("Known workers");
    if (metric == u"busy_workers")
        return tr("Busy workers");
    if (metric == u"orphaned_workers")
        return tr("Orphaned workers");
    if (metric == u"oldest_heartbeat_ms")
        return tr("Oldest heartbeat");
    if (metric == u"scheduled_count")
        return tr("Scheduled");
    if (metric == u"retry_count")
        return tr("Waiting for a retry");
    if (metric == u"oldest_job_age_ms")
        return tr("Oldest waiting job");
    return metric;
}

QString Format::metricValue(const QString& metric, double value)
{
    if (metric == u"job_rate")
        return rate(value);
    if (metric == u"error_rate")
        return percent(value);
    if (metric == u"latency_ms")
        return latency(value);
    if (metric == u"oldest_heartbeat_ms" || metric == u"oldest_job_age_ms")
        return age(qint64(value));
    if (std::abs(value - std::round(value)) < 1e-9)
        return count(qRound64(value));
    return number(value, 1);
}

} // namespace qd::gui
