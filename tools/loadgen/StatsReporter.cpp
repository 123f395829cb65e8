#include "loadgen/StatsReporter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace qd::loadgen {
namespace {

using namespace Qt::StringLiterals;

double perSecond(qint64 now, qint64 before, double seconds)
{
    return seconds > 0 ? static_cast<double>(now - before) / seconds : 0.0;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 1);
}

} // namespace

QByteArray StatsReporter::line(const LoadStats& stats, const LoadSnapshot& current, bool final)
{
    const LoadSnapshot base = final ? LoadSnapshot {} : m_previous;
    const double seconds = current.elapsedSeconds - base.elapsedSeconds;
    QByteArray out = m_json ? jsonLine(stats, current, seconds, base, final)
                            : textLine(stats, current, seconds, base, final);
    m_previous = current;
    return out;
}

QByteArray StatsReporter::textLine(const LoadStats& stats, const LoadSnapshot& current,
    double seconds, const LoadSnapshot& base, bool final) const
{
    QByteArray out = final ? "final " : "";
    out += "t=" + number(current.elapsedSeconds)
        + "s produced=" + QByteArray::number(current.produced) + " ("
        + number(perSecond(current.produced, base.produced, seconds)) + "/s";
    for (qsizetype i = 0; i < stats.queueNames().size(); ++i) {
        out += ' ' + stats.queueNames().at(i).toUtf8() + '='
            + QByteArray::number(current.producedPerQueue.value(i));
    }
    out += ") completed=" + QByteArray::number(current.completed) + " ("
        + number(perSecond(current.completed, base.completed, seconds)) + "/s) failed="
        + QByteArray::number(current.failed) + " retried=" + QByteArray::number(current.retried)
        + " dead_lettered=" + QByteArray::number(current.deadLettered) + " ("
        + number(perSecond(current.deadLettered, base.deadLettered, seconds)) + "/s) handed_back="
        + QByteArray::number(current.handedBack) + " errors=" + QByteArray::number(current.errors);
    return out;
}

QByteArray StatsReporter::jsonLine(const LoadStats& stats, const LoadSnapshot& current,
    double seconds, const LoadSnapshot& base, bool final) const
{
    QJsonObject byQueue;
    for (qsizetype i = 0; i < stats.queueNames().size(); ++i)
        byQueue.insert(stats.queueNames().at(i), current.producedPerQueue.value(i));
    const QJsonObject object {
        {u"final"_s, final},
        {u"elapsed_s"_s, current.elapsedSeconds},
        {u"interval_s"_s, seconds},
        {u"produced"_s, current.produced},
        {u"produced_by_queue"_s, byQueue},
        {u"produced_per_s"_s, perSecond(current.produced, base.produced, seconds)},
        {u"taken"_s, current.taken},
        {u"completed"_s, current.completed},
        {u"completed_per_s"_s, perSecond(current.completed, base.completed, seconds)},
        {u"failed"_s, current.failed},
        {u"retried"_s, current.retried},
        {u"dead_lettered"_s, current.deadLettered},
        {u"dead_lettered_per_s"_s, perSecond(current.deadLettered, base.deadLettered, seconds)},
        {u"handed_back"_s, current.handedBack},
        {u"errors"_s, current.errors},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace qd::loadgen
