#include "core/actions/ActionTypes.h"

#include "core/config/Config.h"
#include "core/errors/Errors.h"
#include "core/redis/Endpoint.h"
#include "core/stats/ClusterStats.h"

#include <QJsonArray>
#include <QSet>

#include <cmath>
#include <limits>

namespace qd::actiontypes {
namespace {

[[noreturn]] void invalid(const QString& field, const QString& message)
{
    throw ActionError(ActionError::Kind::InvalidParameter,
        QStringLiteral("parameters.%1: %2").arg(field, message),
        QStringLiteral("parameters.") + field);
}

// Every parameter a type accepts; anything else is refused so a typo never runs silently.
QSet<QString> allowedParameters(const QString& type)
{
    if (type == u"pause_queue" || type == u"resume_queue")
        return {QStringLiteral("queue")};
    if (type == u"benchmark")
        return {QStringLiteral("queue"), QStringLiteral("count"), QStringLiteral("payload_bytes"),
            QStringLiteral("pipeline"), QStringLiteral("wait_for_completion")};
    if (type == u"requeue_dlq")
        return {QStringLiteral("queue"), QStringLiteral("limit"), QStringLiteral("ids")};
    if (type == u"peek")
        return {QStringLiteral("queue"), QStringLiteral("count")};
    return {};
}

void checkInteger(const QJsonObject& p, const QString& field, qint64 min, qint64 max)
{
    if (!p.contains(field))
        return;
    const QJsonValue v = p.value(field);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::trunc(d))
        invalid(field, QStringLiteral("must be a whole number"));
    // The range is checked on the double: casting 1e300 to qint64 first is undefined.
    if (d < static_cast<double>(min) || d > static_cast<double>(max))
        invalid(field, QStringLiteral("%1 is out of range (%2 to %3)").arg(d).arg(min).arg(max));
}

void checkQueue(const QJsonObject& p, const ClusterConfig& cluster, bool required,
    bool allowDeadLetter, bool allowOriginal)
{
    const QString field = QStringLiteral("queue");
    if (!p.contains(field)) {
        if (required)
            invalid(field, QStringLiteral("required"));
        return;
    }
    if (!p.value(field).isString())
        invalid(field, QStringLiteral("must be a string"));
    const QString queue = p.value(field).toString();
    if (allowDeadLetter && queue == u"dead_letter")
        return;
    if (allowOriginal && queue == u"original")
        return;
    if (cluster.queueSystem.keyOf(queue).isEmpty()) {
        QStringList names;
        for (const QueueKey& q : cluster.queueSystem.queues)
            names.append(q.name);
        invalid(field,
            QStringLiteral("\"%1\" is not a queue of cluster %2 (queues: %3)")
                .arg(queue, cluster.name, names.join(QStringLiteral(", "))));
    }
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > (n < 0 ? 1 : 0); i -= 3)
        digits.insert(i, u' ');
    return digits;
}

QString where(const ClusterConfig& cluster)
{
    QString error;
    const auto endpoint = redis::Endpoint::parse(cluster.endpoint, &error);
    return QStringLiteral("%1 (%2)").arg(
        cluster.displayLabel(), endpoint ? endpoint->display() : cluster.endpoint);
}

} // namespace

bool isKnown(const QString& type)
{
    return knownActionTypes().contains(type);
}

bool isReadOnly(const QString& type)
{
    return type == u"peek";
}

bool isDestructive(const QString& type)
{
    return type == u"purge_dlq" || type == u"requeue_dlq";
}

QString benchQueueKey(const QString& actionId)
{
    return QStringLiteral("queuedeck:bench:") + actionId;
}

QString queueKey(const ClusterConfig& cluster, const QString& queue)
{
    if (queue == u"dead_letter")
        return cluster.queueSystem.deadLetterKey;
    return cluster.queueSystem.keyOf(queue);
}

void validate(const QString& type, const QJsonObject& p, const ClusterConfig& cluster)
{
    const QSet<QString> allowed = allowedParameters(type);
    for (const QString& key : p.keys()) {
        if (!allowed.contains(key))
            invalid(key, QStringLiteral("unknown parameter for %1").arg(type));
    }
    if (type == u"pause_queue" || type == u"resume_queue") {
        checkQueue(p, cluster, true, false, false);
    } else if (type == u"benchmark") {
        checkQueue(p, cluster, false, false, false);
        checkInteger(p, QStringLiteral("count"), 1, 1'000'000);
        checkInteger(p, QStringLiteral("payload_bytes"), 0, 1 << 20);
        checkInteger(p, QStringLiteral("pipeline"), 1, 10'000);
        if (p.contains(QStringLiteral("wait_for_completion"))
            && !p.value(QStringLiteral("wait_for_completion")).isBool())
            invalid(QStringLiteral("wait_for_completion"), QStringLiteral("must be true or false"));
    } else if (type == u"requeue_dlq") {
        checkQueue(p, cluster, false, false, true);
        checkInteger(p, QStringLiteral("limit"), 1, std::numeric_limits<int>::max());
        if (p.contains(QStringLiteral("ids"))) {
            const QJsonValue ids = p.value(QStringLiteral("ids"));
            if (!ids.isArray() || ids.toArray().isEmpty())
                invalid(
                    QStringLiteral("ids"), QStringLiteral("must be a non-empty array of job ids"));
            for (const QJsonValue& id : ids.toArray()) {
                if (!id.isString() || id.toString().isEmpty())
                    invalid(QStringLiteral("ids"), QStringLiteral("must hold job ids (strings)"));
            }
        }
    } else if (type == u"peek") {
        checkQueue(p, cluster, true, true, false);
        checkInteger(p, QStringLiteral("count"), 1, 100);
    }
}

QString describe(const QString& type, const QJsonObject& p, const ClusterConfig& cluster,
    const std::optional<ClusterStats>& stats)
{
    const QString target = where(cluster);
    const QString queue = p.value(QStringLiteral("queue")).toString();
    if (type == u"purge_dlq") {
        return stats
            ? QStringLiteral("purge %1 dead letters on %2")
                  .arg(grouped(stats->deadLetterCount), target)
            : QStringLiteral("purge every dead letter (count not known yet) on %1").arg(target);
    }
    if (type == u"pause_queue")
        return QStringLiteral("pause queue %1 on %2: workers stop taking its jobs")
            .arg(queue, target);
    if (type == u"resume_queue")
        return QStringLiteral("resume queue %1 on %2").arg(queue, target);
    if (type == u"benchmark") {
        const qint64 count = p.value(QStringLiteral("count")).toInteger(1000);
        return QStringLiteral("enqueue %1 benchmark jobs of %2 bytes onto %3 on %4")
            .arg(grouped(count))
            .arg(p.value(QStringLiteral("payload_bytes")).toInteger(256))
            .arg(queue.isEmpty() ? QStringLiteral("a dedicated bench queue (removed afterwards)")
                                 : queue,
                target);
    }
    if (type == u"requeue_dlq") {
        const QString into = queue.isEmpty() || queue == u"original"
            ? QStringLiteral("their original queues")
            : queue;
        QString what;
        if (p.contains(QStringLiteral("ids")))
            what = QStringLiteral("%1 listed dead letters")
                       .arg(p.value(QStringLiteral("ids")).toArray().size());
        else if (p.contains(QStringLiteral("limit")))
            what = QStringLiteral("up to %1 dead letters")
                       .arg(grouped(p.value(QStringLiteral("limit")).toInteger()));
        else
            what = stats ? QStringLiteral("%1 dead letters").arg(grouped(stats->deadLetterCount))
                         : QStringLiteral("every dead letter");
        return QStringLiteral("move %1 back to %2 on %3").arg(what, into, target);
    }
    if (type == u"peek")
        return QStringLiteral("read the next %1 jobs of %2 on %3")
            .arg(p.value(QStringLiteral("count")).toInteger(10))
            .arg(queue, target);
    return QStringLiteral("%1 on %2").arg(type, target);
}

} // namespace qd::actiontypes
