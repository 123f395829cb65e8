#include "core/actions/ActionCatalog.h"

#include <QCoreApplication>

#include <limits>

namespace qd {
namespace {

const ParameterValue kOriginalQueue {QStringLiteral("original"),
    CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "each job's original queue")}};
const ParameterValue kDeadLetterQueue {QStringLiteral("dead_letter"),
    CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "the dead letters")}};
const ParameterValue kRetryQueue {QStringLiteral("retry"),
    CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "the jobs waiting for a retry")},
    {QStringLiteral("sidekiq")}};

const QString kGoRedisWorkQueue = queueSystemTypeName(QueueSystemType::GoRedisWorkQueue);
const QString kSidekiq = queueSystemTypeName(QueueSystemType::Sidekiq);
const QString kBullMq = queueSystemTypeName(QueueSystemType::BullMQ);
const QString kRq = queueSystemTypeName(QueueSystemType::RQ);
const QString kCelery = queueSystemTypeName(QueueSystemType::Celery);

// Sidekiq keeps two sorted sets of failed jobs: those that will be retried and those that
// will not (the dead set). Actions on dead letters take either; "dead" is every system's
// dead-letter list or set, "retry" exists where the system retries by itself.
ActionParameter failedSet(CatalogText help)
{
    return {.name = QStringLiteral("set"),
        .kind = ParameterKind::Choice,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Set")},
        .help = help,
        .defaultValue = QStringLiteral("dead"),
        .choices = {{QStringLiteral("dead"),
                        CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Dead letters")}},
            {QStringLiteral("retry"),
                CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Waiting for a retry")},
                {kSidekiq}}}};
}

ActionParameter process(CatalogText help)
{
    return {.name = QStringLiteral("process"),
        .kind = ParameterKind::Worker,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Process")},
        .help = help,
        .required = true};
}

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
    const QStringList both {kGoRedisWorkQueue, kSidekiq};
    const QStringList withBullMq {kGoRedisWorkQueue, kSidekiq, kBullMq};
    const QStringList withRq {kGoRedisWorkQueue, kSidekiq, kBullMq, kRq};
    QList<ActionTypeSpec> all;
    all.append({.type = ActionType::PurgeDeadLetters,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Purge dead letters")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Delete every dead letter of the selected clusters")},
        .destructive = true,
        .parameters = {failedSet(CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Sidekiq: purge the dead set, or the jobs waiting for a retry")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "purge {dead_letters}")},
        .queueSystems = withRq});
    all.append({.type = ActionType::PauseQueue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Pause queue")},
        .summary = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Set a queue's pause flag: cooperating workers stop taking its jobs")},
        .parameters = {namedQueue(
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "The configured queue to pause")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "pause queue {queue} (workers stop taking its jobs)")},
        .queueSystems = {kGoRedisWorkQueue, kBullMq, kRq},
        .systemEffects = {{kRq,
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                "suspend EVERY RQ worker of this database (RQ has no per-queue pause: no queue "
                "is worked, not only {queue})")}}}});
    all.append({.type = ActionType::ResumeQueue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Resume queue")},
        .summary
        = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Clear a queue's pause flag")},
        .parameters = {namedQueue(CatalogText {
            QT_TRANSLATE_NOOP("qd::ActionCatalog", "The configured queue to resume")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "resume queue {queue}")},
        .queueSystems = {kGoRedisWorkQueue, kBullMq, kRq},
        .systemEffects = {{kRq,
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                "resume every RQ worker of this database (all its queues, not only {queue})")}}}});
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
            "enqueue {count} benchmark jobs of {payload_bytes} bytes onto {queue}")},
        .queueSystems = {kGoRedisWorkQueue}});
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
                .absent = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "all")}},
            failedSet(CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                "Sidekiq: requeue from the dead set, or retry the jobs waiting for a retry "
                "now")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "move {dead_letters} back to {queue}")},
        .queueSystems = withRq});
    all.append({.type = ActionType::Peek,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Peek")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Read the next jobs of a queue or the oldest dead letters")},
        .readOnly = true,
        .parameters = {{.name = QStringLiteral("queue"),
                           .kind = ParameterKind::Queue,
                           .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Queue")},
                           .help = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
                               "A queue, the dead letters, or (Sidekiq) the jobs waiting for "
                               "a retry")},
                           .required = true,
                           .specialQueues = {kDeadLetterQueue, kRetryQueue}},
            {.name = QStringLiteral("count"),
                .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Jobs")},
                .help
                = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "How many jobs to read")},
                .defaultValue = 10,
                .minimum = 1,
                .maximum = 100}},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "read the next {count} jobs of {queue}")},
        .queueSystems = both});
    all.append({.type = ActionType::ClearQueue,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Clear queue")},
        .summary = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "Delete every job waiting in a queue")},
        .destructive = true,
        .parameters
        = {namedQueue(CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "The queue to empty")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "delete every job waiting in queue {queue}")},
        .queueSystems = {kGoRedisWorkQueue, kSidekiq, kRq, kCelery}});
    all.append({.type = ActionType::QuietProcess,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Quiet process")},
        .summary = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Tell a worker process to take no new jobs; it finishes the ones it holds")},
        .parameters = {process(
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "The worker process to quiet")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "quiet process {process} (it finishes its jobs and takes no new ones)")},
        .queueSystems = {kSidekiq}});
    all.append({.type = ActionType::StopProcess,
        .label = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "Stop process")},
        .summary = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Tell a worker process to shut down; jobs it cannot finish in time go back to "
            "their queue")},
        .destructive = true,
        .parameters = {process(
            CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "The worker process to stop")})},
        .effect = CatalogText {QT_TRANSLATE_NOOP(
            "qd::ActionCatalog", "stop process {process} (it exits after its shutdown timeout)")},
        .queueSystems = {kSidekiq}});
    for (ActionTypeSpec& spec : all)
        spec.name = actionTypeName(spec.type);
    return all;
}

} // namespace

const CatalogText ActionCatalog::kConfirmation
    = CatalogText {QT_TRANSLATE_NOOP("qd::ActionCatalog", "{effect} on {target}")};

const CatalogText& ActionTypeSpec::effectFor(const QString& queueSystem) const
{
    for (const auto& [system, text] : systemEffects) {
        if (system == queueSystem)
            return text;
    }
    return effect;
}

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
    case ParameterKind::Worker:
        return QStringLiteral("worker");
    case ParameterKind::Choice:
        return QStringLiteral("choice");
    }
    return {};
}

const ParameterValue* ActionParameter::special(const QString& value) const
{
    for (const ParameterValue& s : specialQueues) {
        if (s.value == value)
            return &s;
    }
    return nullptr;
}

const ParameterValue* ActionParameter::choice(const QString& value) const
{
    for (const ParameterValue& c : choices) {
        if (c.value == value)
            return &c;
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

QString ActionCatalog::unsupportedReason(
    ActionType type, QueueSystemType system, TextLanguage language)
{
    const ActionTypeSpec& spec = of(type);
    if (spec.supports(queueSystemTypeName(system)))
        return {};
    const auto say = [language](const char* source) {
        return language == TextLanguage::English ? QString::fromUtf8(source)
                                                 : CatalogText {source}.translated();
    };
    const bool pause = type == ActionType::PauseQueue || type == ActionType::ResumeQueue;
    if (pause && system == QueueSystemType::Sidekiq)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Sidekiq has no persistent pause of a queue (only Sidekiq Enterprise has one); "
            "quiet its processes instead (quiet_process)"));
    if (type == ActionType::Peek && system == QueueSystemType::RQ)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "peeking at RQ jobs is not supported by this version of QueueDeck; the RQ "
            "dashboard or rq info shows them"));
    if (type == ActionType::Benchmark && system == QueueSystemType::RQ)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "benchmark jobs pushed to an RQ deployment would be executed by its real workers, "
            "so QueueDeck does not benchmark RQ"));
    if (pause && system == QueueSystemType::Celery)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Celery's Redis broker has no persistent pause of a queue; stop consuming it "
            "with Celery's own remote control (celery control cancel_consumer) instead"));
    if (system == QueueSystemType::Celery
        && (type == ActionType::RequeueDeadLetters || type == ActionType::PurgeDeadLetters))
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "Celery keeps no dead letters in its broker: a failed task's result is in the "
            "result backend, keyed by task id only"));
    if (type == ActionType::Benchmark && system == QueueSystemType::Sidekiq)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "benchmark jobs pushed to a Sidekiq deployment would be executed by its real "
            "workers, so QueueDeck does not benchmark Sidekiq"));
    if ((type == ActionType::QuietProcess || type == ActionType::StopProcess)
        && system == QueueSystemType::GoRedisWorkQueue)
        return say(QT_TRANSLATE_NOOP("qd::ActionCatalog",
            "go-redis-work-queue workers take no commands; pause their queues instead "
            "(pause_queue)"));
    const QString label
        = language == TextLanguage::English ? spec.label.english() : spec.label.translated();
    return say(QT_TRANSLATE_NOOP("qd::ActionCatalog", "%1 is not supported for %2 clusters"))
        .arg(label, queueSystemTypeName(system));
}

QString ActionCatalog::label(const QString& name, TextLanguage language)
{
    const ActionTypeSpec* spec = find(name);
    if (!spec)
        return name;
    return language == TextLanguage::English ? spec->label.english() : spec->label.translated();
}

} // namespace qd
