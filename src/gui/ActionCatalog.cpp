#include "gui/ActionCatalog.h"

#include "gui/Format.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::gui {

QStringList ActionCatalog::menuTypes()
{
    return {u"purge_dlq"_s, u"requeue_dlq"_s, u"pause_queue"_s, u"resume_queue"_s, u"benchmark"_s};
}

QString ActionCatalog::title(const QString& type)
{
    if (type == u"purge_dlq")
        return tr("Purge dead letters");
    if (type == u"requeue_dlq")
        return tr("Requeue dead letters");
    if (type == u"pause_queue")
        return tr("Pause queue");
    if (type == u"resume_queue")
        return tr("Resume queue");
    if (type == u"benchmark")
        return tr("Benchmark");
    if (type == u"peek")
        return tr("Peek");
    return type;
}

QString ActionCatalog::menuText(const QString& type)
{
    if (type == u"purge_dlq")
        return tr("&Purge dead letters…");
    if (type == u"requeue_dlq")
        return tr("Re&queue dead letters…");
    if (type == u"pause_queue")
        return tr("P&ause queue…");
    if (type == u"resume_queue")
        return tr("&Resume queue…");
    if (type == u"benchmark")
        return tr("&Benchmark…");
    return title(type);
}

QString ActionCatalog::verb(const QString& type)
{
    if (type == u"purge_dlq")
        return tr("Purge");
    if (type == u"requeue_dlq")
        return tr("Requeue");
    if (type == u"pause_queue")
        return tr("Pause");
    if (type == u"resume_queue")
        return tr("Resume");
    if (type == u"benchmark")
        return tr("Run benchmark");
    return tr("Run");
}

QString ActionCatalog::iconName(const QString& type)
{
    if (type == u"purge_dlq")
        return u"purge"_s;
    if (type == u"requeue_dlq")
        return u"requeue"_s;
    if (type == u"pause_queue")
        return u"pause"_s;
    if (type == u"resume_queue")
        return u"resume"_s;
    if (type == u"benchmark")
        return u"benchmark"_s;
    return u"peek"_s;
}

QString ActionCatalog::description(const QString& type)
{
    if (type == u"purge_dlq")
        return tr("Delete every dead letter of the selected clusters");
    if (type == u"requeue_dlq")
        return tr("Move dead letters back to a queue, retries reset");
    if (type == u"pause_queue")
        return tr("Set a queue's pause flag: cooperating workers stop taking its jobs");
    if (type == u"resume_queue")
        return tr("Clear a queue's pause flag");
    if (type == u"benchmark")
        return tr("Enqueue benchmark jobs and measure throughput and latency");
    return {};
}

bool ActionCatalog::hasParameters(const QString& type)
{
    return type != u"purge_dlq";
}

QString ActionCatalog::effectOn(const QString& type, const QJsonObject& parameters,
    const ClusterConfig& cluster, const std::optional<ClusterStats>& stats)
{
    const QString queue = parameters.value(u"queue"_s).toString();
    const QString deadLetters = cluster.queueSystem.deadLetterKey;
    if (type == u"purge_dlq") {
        return stats ? tr("Deletes %1 dead letters (%2)")
                           .arg(Format::count(stats->deadLetterCount), deadLetters)
                     : tr("Deletes every dead letter in %1 (count not known yet)").arg(deadLetters);
    }
    if (type == u"requeue_dlq") {
        const QString into = queue.isEmpty() || queue == u"original"
            ? tr("each job's original queue")
            : tr("queue %1").arg(queue);
        if (parameters.contains(u"ids"_s))
            return tr("Moves %n listed dead letter(s) back to %1", nullptr,
                int(parameters.value(u"ids"_s).toArray().size()))
                .arg(into);
        if (parameters.contains(u"limit"_s))
            return tr("Moves up to %1 dead letters back to %2")
                .arg(Format::count(parameters.value(u"limit"_s).toInteger()), into);
        return stats ? tr("Moves %1 dead letters back to %2")
                           .arg(Format::count(stats->deadLetterCount), into)
                     : tr("Moves every dead letter back to %1").arg(into);
    }
    if (type == u"pause_queue")
        return tr("Pauses queue %1 (%2): workers stop taking its jobs")
            .arg(queue, cluster.queueSystem.keyOf(queue));
    if (type == u"resume_queue")
        return tr("Resumes queue %1 (%2)").arg(queue, cluster.queueSystem.keyOf(queue));
    if (type == u"benchmark") {
        const QString onto = queue.isEmpty() ? tr("a dedicated benchmark queue, removed afterwards")
                                             : tr("queue %1").arg(queue);
        return tr("Enqueues %1 jobs of %2 bytes onto %3")
            .arg(Format::count(parameters.value(u"count"_s).toInteger(1000)))
            .arg(parameters.value(u"payload_bytes"_s).toInteger(256))
            .arg(onto);
    }
    return title(type);
}

} // namespace qd::gui
