#include "core/actions/ActionCatalog.h"

#include <QCoreApplication>

#include <limits>

namespace qd {
namespace {

const SpecialQueue kOriginalQueue {QStringLiteral("original"),
    CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "each job's original queue")}};
const SpecialQueue kDeadLetterQueue {QStringLiteral("dead_letter"),
    CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "the dead letters")}};

ActionParameter namedQueue(CatalogText help)
{
    return {.name = QStringLiteral("queue"),
        .kind = ParameterKind::Queue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Queue")},
        .help = help,
        .required = true};
}

QList<ActionTypeSpec> build()
{
    const QStringList systems {QString::fromLatin1(ActionCatalog::kGoRedisWorkQueue)};
    QList<ActionTypeSpec> all;
    all.append({.type = ActionType::PurgeDeadLetters,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Purge dead letters")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Delete every dead letter of the selected clusters")},
        .destructive = true,
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "purge {dead_letters}")}});
    all.append({.type = ActionType::PauseQueue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Pause queue")},
        .summary = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Set a queue's pause flag: cooperating workers stop taking its jobs")},
        .parameters = {namedQueue(
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "The configured queue to pause")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "pause queue {queue} (workers stop taking its jobs)")}});
    all.append({.type = ActionType::ResumeQueue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Resume queue")},
        .summary
        = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Clear a queue's pause flag")},
        .parameters = {namedQueue(CatalogText {
            QT_TRANSLATE_NOOP("qd::ActionCatalog", "The configured queue to resume")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "resume queue {queue}")}});
    all.append({.type = ActionType::Benchmark,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Benchmark")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Enqueue benchmark jobs and measure throughput and latency")},
        .parameters = {{.name = QStringLiteral("queue"),
                           .kind = ParameterKind::Queue,
                           .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Queue")},
                           .help = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                               "A configured queue that workers consume, to measure "
                               "completion too")},
                           .absent = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                               "a dedicated benchmark queue (removed afterwards)")}},
            {.name = QStringLiteral("count"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Jobs")},
                .help
                = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "How many jobs to enqueue")},
                .defaultValue = 1000,
                .minimum = 1,
                .maximum = 1'000'000},
            {.name = QStringLiteral("payload_bytes"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Payload bytes")},
                .help = CatalogText {QT_TRANSLATE_NOOP(
                    "qd::ActionCatalog", "The size of each job's payload")},
                .defaultValue = 256,
                .minimum = 0,
                .maximum = 1 << 20},
            {.name = QStringLiteral("pipeline"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Pipeline depth")},
                .help = CatalogText {QT_TRANSLATE_NOOP(
                    "qd::ActionCatalog", "Jobs sent in one round trip")},
                .defaultValue = 50,
                .minimum = 1,
                .maximum = 10'000},
            {.name = QStringLiteral("wait_for_completion"),
                .kind = ParameterKind::Boolean,
                .label = CatalogText {QT_TRANSLATE_NOOP(
                    "qd::ActionCatalog", "Wait for workers to complete the jobs")},
                .help = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                    "Watch the completed list and measure end-to-end latency")},
                .absent
                = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "when a queue is given")}}},
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "enqueue {count} benchmark jobs of {payload_bytes} bytes onto {queue}")}});
    all.append({.type = ActionType::RequeueDeadLetters,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Requeue dead letters")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Move dead letters back to a queue, retries reset")},
        .destructive = true,
        .parameters
        = {{.name = QStringLiteral("queue"),
               .kind = ParameterKind::Queue,
               .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Destination")},
               .help = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                   "Where the jobs go: a configured queue, or each job's "
                   "original queue (named by its priority)")},
               .defaultValue = kOriginalQueue.value,
               .specialQueues = {kOriginalQueue}},
            {.name = QStringLiteral("limit"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Limit")},
                .help = CatalogText {QT_TRANSLATE_NOOP(
                    "qd::ActionCatalog", "Move at most this many, oldest first")},
                .minimum = 1,
                .maximum = std::numeric_limits<int>::max(),
                .absent = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "all")}},
            {.name = QStringLiteral("ids"),
                .kind = ParameterKind::JobIds,
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Job ids")},
                .help = CatalogText {QT_TRANSLATE_NOOP(
                    "qd::ActionCatalog", "Move only the dead letters with these job ids")},
                .absent = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "all")}}},
        .effect = CatalogText {
            QT_TRANSLATE_NOOP("qd::ActionCatalog", "move {dead_letters} back to {queue}")}});
    all.append({.type = ActionType::Peek,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Peek")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Read the next jobs of a queue or the oldest dead letters")},
        .readOnly = true,
        .parameters = {{.name = QStringLiteral("queue"),
                           .kind = ParameterKind::Queue,
                           .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Queue")},
                           .help = CatalogText {QT_TRANSLATE_NOOP(
                               "qd::ActionCatalog", "A configured queue, or the dead letters")},
                           .required = true,
                           .specialQueues = {kDeadLetterQueue}},
            {.name = QStringLiteral("count"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Jobs")},
                .help
                = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "How many jobs to read")},
                .defaultValue = 10,
                .minimum = 1,
                .maximum = 100}},
        .effect = CatalogText {
            QT_TRANSLATE_NOOP("qd::ActionCatalog", "read the next {count} jobs of {queue}")}});
    for (ActionTypeSpec& spec : all) {
        spec.name = actionTypeName(spec.type);
        spec.queueSystems = systems;
    }
    return all;
}

} // namespace

const CatalogText ActionCatalog::kConfirmation
    = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "{effect} on {target}")};

QString CatalogText::translated() const
{
    return QCoreApplication::translate(kContext, source);
}

QString parameterKindName(ParameterKind kind)
{
    switch (kind) {
    case ParameterKind::Queue:
        return QStringLiteral("queue");
    case ParameterKind::Integer:
        return QStringLiteral("integer");
    case ParameterKind::Boolean:
        return QStringLiteral("boolean");
    case ParameterKind::JobIds:
        return QStringLiteral("job_ids");
    }
    return {};
}

const SpecialQueue* ActionParameter::special(const QString& value) const
{
    for (const SpecialQueue& s : specialQueues) {
        if (s.value == value)
            return &s;
    }
    return nullptr;
}

const ActionParameter* ActionTypeSpec::parameter(const QString& parameterName) const
{
    for (const ActionParameter& p : parameters) {
        if (p.name == parameterName)
            return &p;
    }
    return nullptr;
}

QJsonValue ActionTypeSpec::valueOf(const QJsonObject& values, const QString& parameterName) const
{
    if (values.contains(parameterName))
        return values.value(parameterName);
    const ActionParameter* p = parameter(parameterName);
    return p && p->hasDefault() ? p->defaultValue : QJsonValue(QJsonValue::Undefined);
}

qint64 ActionTypeSpec::integerOf(const QJsonObject& values, const QString& parameterName) const
{
    return valueOf(values, parameterName).toInteger();
}

const QList<ActionTypeSpec>& ActionCatalog::all()
{
    static const QList<ActionTypeSpec> catalog = build();
    return catalog;
}

const ActionTypeSpec& ActionCatalog::of(ActionType type)
{
    for (const ActionTypeSpec& spec : all()) {
        if (spec.type == type)
            return spec;
    }
    // Every ActionType has an entry (TestActionCatalog checks it).
    Q_UNREACHABLE();
    return all().first();
}

const ActionTypeSpec* ActionCatalog::find(const QString& name)
{
    const auto type = actionTypeFromName(name);
    return type ? &of(*type) : nullptr;
}

QString ActionCatalog::label(const QString& name, TextLanguage language)
{
    const ActionTypeSpec* spec = find(name);
    if (!spec)
        return name;
    return language == TextLanguage::English ? spec->label.english() : spec->label.translated();
}

} // namespace qd
