#include "core/actions/ActionTypes.h"

#include "core/errors/Errors.h"
#include "core/redis/Endpoint.h"
#include "core/stats/ClusterStats.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace qd::actiontypes {
namespace {

// How many dead letters an action concerns, as a phrase of its effect ({dead_letters}).
const char* const kListedDeadLetters
    = QT_TRANSLATE_N_NOOP("qd::ActionCatalog", "%n listed dead letters");
const CatalogText kUpToDeadLetters {
    QT_TRANSLATE_NOOP("qd::ActionCatalog", "up to %1 dead letters")};
const CatalogText kCountedDeadLetters {QT_TRANSLATE_NOOP("qd::ActionCatalog", "%1 dead letters")};
const CatalogText kEveryDeadLetter {
    QT_TRANSLATE_NOOP("qd::ActionCatalog", "every dead letter (count not known yet)")};
// The same for Sidekiq's retry set (parameter set = "retry").
const char* const kListedRetries
    = QT_TRANSLATE_N_NOOP("qd::ActionCatalog", "%n listed jobs waiting for a retry");
const CatalogText kUpToRetries {
    QT_TRANSLATE_NOOP("qd::ActionCatalog", "up to %1 jobs waiting for a retry")};
const CatalogText kCountedRetries {
    QT_TRANSLATE_NOOP("qd::ActionCatalog", "%1 jobs waiting for a retry")};
const CatalogText kEveryRetry {
    QT_TRANSLATE_NOOP("qd::ActionCatalog", "every job waiting for a retry (count not known yet)")};

[[noreturn]] void invalid(const QString& field, const QString& message)
{
    throw ActionError(ActionError::Kind::InvalidParameter,
        QStringLiteral("parameters.%1: %2").arg(field, message),
        QStringLiteral("parameters.") + field);
}

void checkInteger(const QJsonObject& p, const ActionParameter& spec)
{
    const QJsonValue v = p.value(spec.name);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::trunc(d))
        invalid(spec.name, QStringLiteral("must be a whole number"));
    // The range is checked on the double: casting 1e300 to qint64 first is undefined.
    if (d < static_cast<double>(spec.minimum) || d > static_cast<double>(spec.maximum))
        invalid(spec.name,
            QStringLiteral("%1 is out of range (%2 to %3)")
                .arg(d)
                .arg(spec.minimum)
                .arg(spec.maximum));
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// A name the runner will look up in Redis: non-empty, printable, of a sane length.
void checkName(const QString& field, const QString& name)
{
    if (name.isEmpty())
        invalid(field, QStringLiteral("empty"));
    if (name.size() > 512)
        invalid(field, QStringLiteral("longer than 512 characters"));
    if (hasControlCharacters(name))
        invalid(field, QStringLiteral("must not contain control characters"));
}

void checkQueue(const QJsonObject& p, const ActionParameter& spec, const ClusterConfig& cluster)
{
    if (!p.value(spec.name).isString())
        invalid(spec.name, QStringLiteral("must be a string"));
    const QString queue = p.value(spec.name).toString();
    const QString system = queueSystemTypeName(cluster.queueSystem.type);
    if (const ParameterValue* special = spec.special(queue)) {
        if (!special->appliesTo(system))
            invalid(spec.name,
                QStringLiteral("\"%1\" does not exist on %2 clusters like %3")
                    .arg(queue, system, cluster.name));
        return;
    }
    if (cluster.queueSystem.type != QueueSystemType::GoRedisWorkQueue) {
        // These systems list their queues themselves; the runner checks that it exists.
        checkName(spec.name, queue);
        return;
    }
    if (!cluster.queueSystem.keyOf(queue).isEmpty())
        return;
    QStringList names;
    for (const QueueKey& q : cluster.queueSystem.queues)
        names.append(q.name);
    invalid(spec.name,
        QStringLiteral("\"%1\" is not a queue of cluster %2 (queues: %3)")
            .arg(queue, cluster.name, names.join(QStringLiteral(", "))));
}

void checkJobIds(const QJsonObject& p, const ActionParameter& spec)
{
    const QJsonValue ids = p.value(spec.name);
    if (!ids.isArray() || ids.toArray().isEmpty())
        invalid(spec.name, QStringLiteral("must be a non-empty array of job ids"));
    for (const QJsonValue& id : ids.toArray()) {
        if (!id.isString() || id.toString().isEmpty())
            invalid(spec.name, QStringLiteral("must hold job ids (strings)"));
    }
}

void checkChoice(const QJsonObject& p, const ActionParameter& spec, const ClusterConfig& cluster)
{
    const QJsonValue value = p.value(spec.name);
    const ParameterValue* choice = value.isString() ? spec.choice(value.toString()) : nullptr;
    if (!choice) {
        QStringList values;
        for (const ParameterValue& c : spec.choices)
            values.append(c.value);
        invalid(
            spec.name, QStringLiteral("must be one of: %1").arg(values.join(QStringLiteral(", "))));
    }
    const QString system = queueSystemTypeName(cluster.queueSystem.type);
    if (!choice->appliesTo(system))
        invalid(spec.name,
            QStringLiteral("\"%1\" does not exist on %2 clusters like %3")
                .arg(choice->value, system, cluster.name));
}

QString text(const CatalogText& t, TextLanguage language)
{
    return language == TextLanguage::English ? t.english() : t.translated();
}

QString number(qint64 n, TextLanguage language)
{
    if (language == TextLanguage::Translated)
        return QLocale().toString(n);
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > (n < 0 ? 1 : 0); i -= 3)
        digits.insert(i, u' ');
    return digits;
}

QString deadLetters(
    const QJsonObject& p, const std::optional<ClusterStats>& stats, TextLanguage language)
{
    const bool retries = p.value(QStringLiteral("set")).toString() == u"retry";
    if (p.contains(QStringLiteral("ids"))) {
        const auto n = static_cast<int>(p.value(QStringLiteral("ids")).toArray().size());
        const char* listed = retries ? kListedRetries : kListedDeadLetters;
        if (language == TextLanguage::Translated)
            return QCoreApplication::translate(CatalogText::kContext, listed, nullptr, n);
        return QString::fromUtf8(listed).replace(QStringLiteral("%n"), number(n, language));
    }
    if (p.contains(QStringLiteral("limit")))
        return text(retries ? kUpToRetries : kUpToDeadLetters, language)
            .arg(number(p.value(QStringLiteral("limit")).toInteger(), language));
    const std::optional<qint64> count = !stats ? std::nullopt
        : retries                              ? stats->retryCount
        : stats->deadLettersKnown              ? std::optional<qint64>(stats->deadLetterCount)
                                               : std::nullopt;
    if (count)
        return text(retries ? kCountedRetries : kCountedDeadLetters, language)
            .arg(number(*count, language));
    return text(retries ? kEveryRetry : kEveryDeadLetter, language);
}

// What one parameter contributes to a sentence: its value or default, or what its absence
// means.
QString phrase(const ActionTypeSpec& spec, const ActionParameter& parameter, const QJsonObject& p,
    TextLanguage language)
{
    const QJsonValue value = spec.valueOf(p, parameter.name);
    switch (parameter.kind) {
    case ParameterKind::Queue:
        if (value.isString() && !value.toString().isEmpty()) {
            const ParameterValue* special = parameter.special(value.toString());
            return special ? text(special->phrase, language) : value.toString();
        }
        break;
    case ParameterKind::Integer:
        if (value.isDouble())
            return number(value.toInteger(), language);
        break;
    case ParameterKind::Boolean:
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case ParameterKind::JobIds:
        if (value.isArray())
            return number(value.toArray().size(), language);
        break;
    case ParameterKind::Worker:
    case ParameterKind::Choice:
        if (value.isString())
            return value.toString();
        break;
    }
    return text(parameter.absent, language);
}

// One pass over the sentence, so a value that itself holds braces (a queue or cluster name) is
// never mistaken for one of the sentence's {name} fields.
QString fill(const QString& sentence, const QHash<QString, QString>& values)
{
    QString out;
    out.reserve(sentence.size() + 32);
    qsizetype from = 0;
    while (from < sentence.size()) {
        const qsizetype open = sentence.indexOf(u'{', from);
        const qsizetype close = open < 0 ? -1 : sentence.indexOf(u'}', open);
        if (close < 0) {
            out += QStringView(sentence).mid(from);
            break;
        }
        const QString key = sentence.mid(open + 1, close - open - 1);
        out += QStringView(sentence).mid(from, open - from);
        out += values.contains(key) ? values.value(key) : sentence.mid(open, close - open + 1);
        from = close + 1;
    }
    return out;
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
    return ActionCatalog::find(type) != nullptr;
}

bool isReadOnly(const QString& type)
{
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    return spec && spec->readOnly;
}

bool isDestructive(const QString& type)
{
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    return spec && spec->destructive;
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
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    const QString system = queueSystemTypeName(cluster.queueSystem.type);
    if (spec && !spec->supports(system))
        throw ActionError(ActionError::Kind::UnsupportedForSystem,
            QStringLiteral("cluster \"%1\" runs %2: %3")
                .arg(cluster.name, system,
                    ActionCatalog::unsupportedReason(spec->type, cluster.queueSystem.type)),
            QStringLiteral("type"));
    // Every parameter a type accepts; anything else is refused so a typo never runs silently.
    for (const QString& key : p.keys()) {
        if (!spec || !spec->parameter(key))
            invalid(key, QStringLiteral("unknown parameter for %1").arg(type));
        if (!spec->parameter(key)->appliesTo(system))
            invalid(key,
                QStringLiteral("%1 clusters like %2 do not take this parameter")
                    .arg(system, cluster.name));
    }
    if (!spec)
        return;
    for (const ActionParameter& parameter : spec->parameters) {
        if (!p.contains(parameter.name)) {
            if (parameter.required)
                invalid(parameter.name, QStringLiteral("required"));
            continue;
        }
        switch (parameter.kind) {
        case ParameterKind::Queue:
            checkQueue(p, parameter, cluster);
            break;
        case ParameterKind::Integer:
            checkInteger(p, parameter);
            break;
        case ParameterKind::Boolean:
            if (!p.value(parameter.name).isBool())
                invalid(parameter.name, QStringLiteral("must be true or false"));
            break;
        case ParameterKind::JobIds:
            checkJobIds(p, parameter);
            break;
        case ParameterKind::Worker:
            if (!p.value(parameter.name).isString())
                invalid(parameter.name, QStringLiteral("must be a string"));
            checkName(parameter.name, p.value(parameter.name).toString());
            break;
        case ParameterKind::Choice:
            checkChoice(p, parameter, cluster);
            break;
        }
    }
}

namespace {

// The effect's words for a system's clusters (empty system: the type's own effect).
QString effectOn(const QString& type, const QJsonObject& p,
    const std::optional<ClusterStats>& stats, TextLanguage language, const QString& system)
{
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    if (!spec)
        return type;
    QHash<QString, QString> values;
    for (const ActionParameter& parameter : spec->parameters)
        values.insert(parameter.name, phrase(*spec, parameter, p, language));
    values.insert(QStringLiteral("dead_letters"), deadLetters(p, stats, language));
    return fill(text(spec->effectFor(system), language), values);
}

} // namespace

QString effect(const QString& type, const QJsonObject& p, const std::optional<ClusterStats>& stats,
    TextLanguage language)
{
    return effectOn(type, p, stats, language, stats ? stats->system : QString());
}

QString describe(const QString& type, const QJsonObject& p, const ClusterConfig& cluster,
    const std::optional<ClusterStats>& stats, TextLanguage language)
{
    return fill(text(ActionCatalog::kConfirmation, language),
        {{QStringLiteral("effect"),
             effectOn(type, p, stats, language, queueSystemTypeName(cluster.queueSystem.type))},
            {QStringLiteral("target"), where(cluster)}});
}

QString confirmationTemplate(const ActionTypeSpec& spec)
{
    return fill(ActionCatalog::kConfirmation.english(),
        {{QStringLiteral("effect"), spec.effect.english()}});
}

} // namespace qd::actiontypes
