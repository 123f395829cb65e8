#pragma once

#include "core/config/Config.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace qd {

// A label or sentence of the catalog. The API speaks English; the desktop shows the same text
// translated (the GUI's lupdate reads the catalog's sources, context "qd::ActionCatalog").
struct CatalogText {
    static constexpr const char* kContext = "qd::ActionCatalog";

    const char* source = nullptr;

    bool isEmpty() const { return !source || !*source; }
    QString english() const { return QString::fromUtf8(source); }
    QString translated() const;
};

// Which of the two a caller wants.
enum class TextLanguage { English, Translated };

enum class ParameterKind {
    Queue, // a configured queue name, or one of specialValues
    Integer, // whole number in [minimum, maximum]
    Boolean,
    JobIds, // a non-empty array of job ids
    Worker, // a worker or process identity as the cluster's stats list it
    Choice, // one of choices
};

// "queue", "integer", "boolean", "job_ids", "worker", "choice"
QString parameterKindName(ParameterKind kind);

// A value of a parameter with a meaning of its own: a queue parameter's value that names no
// configured queue ("original", "dead_letter"), or one value of a Choice ("dead", "retry").
struct ParameterValue {
    QString value {};
    CatalogText phrase {}; // how sentences and pickers say it: "each job's original queue"
    QStringList queueSystems {}; // the systems that have it; empty: all
    bool appliesTo(const QString& queueSystem) const
    {
        return queueSystems.isEmpty() || queueSystems.contains(queueSystem);
    }
};

struct ActionParameter {
    QString name {};
    ParameterKind kind = ParameterKind::Integer;
    CatalogText label {}; // "Pipeline depth"
    CatalogText help {}; // one sentence for tooltips and API clients
    bool required = false;
    QJsonValue defaultValue {QJsonValue::Undefined}; // none: leaving it out means `absent`
    qint64 minimum = 0;
    qint64 maximum = 0;
    CatalogText absent {}; // what leaving it out means when there is no default: "all"
    QList<ParameterValue> specialQueues {};
    QList<ParameterValue> choices {}; // the values of a Choice
    // The queue systems that take this parameter; empty: every system that takes the type.
    QStringList queueSystems {};

    bool hasDefault() const { return !defaultValue.isUndefined() && !defaultValue.isNull(); }
    bool appliesTo(const QString& queueSystem) const
    {
        return queueSystems.isEmpty() || queueSystems.contains(queueSystem);
    }
    const ParameterValue* special(const QString& value) const;
    const ParameterValue* choice(const QString& value) const;
};

// Everything QueueDeck knows about one action type. The engine validates and words its
// confirmation from this, the GUI builds its forms and dialogs from it, and the API serves it at
// GET /api/v1/actions/types.
struct ActionTypeSpec {
    ActionType type {};
    QString name {}; // the machine name: "purge_dlq"
    CatalogText label {}; // "Purge dead letters"
    CatalogText summary {}; // one line: what it does
    bool destructive = false; // the operator types the target count to confirm
    bool readOnly = false; // changes nothing: no confirmation, allowed on read-only clusters
    QList<ActionParameter> parameters {};
    // What happens on one target, with {placeholders}: a parameter's name stands for its value
    // (or default), {dead_letters} for how many dead letters are concerned. The confirmation of
    // one target is ActionCatalog::kConfirmation around it.
    CatalogText effect {};
    QStringList queueSystems {}; // the queue system types that support it (their type names)
    // Where a system's effect differs from `effect` (its type name, the text): RQ's pause holds
    // every worker of the database, not one queue.
    QList<std::pair<QString, CatalogText>> systemEffects {};

    const ActionParameter* parameter(const QString& name) const;
    // The parameter's value in parameters, else its default (an undefined value when neither).
    QJsonValue valueOf(const QJsonObject& parameters, const QString& name) const;
    qint64 integerOf(const QJsonObject& parameters, const QString& name) const;
    bool supports(const QString& queueSystem) const { return queueSystems.contains(queueSystem); }
    // The effect on a system's clusters; `effect` unless systemEffects has one.
    const CatalogText& effectFor(const QString& queueSystem) const;
};

class ActionCatalog final {
public:
    // One target's line of a confirmation: {effect} is the type's effect, {target} the cluster.
    static const CatalogText kConfirmation;

    // Every type, in the order of ActionType.
    static const QList<ActionTypeSpec>& all();
    static const ActionTypeSpec& of(ActionType type);
    static const ActionTypeSpec* find(const QString& name); // nullptr for an unknown name
    // The catalog's label of a name, or the name itself when unknown (old audit rows).
    static QString label(const QString& name, TextLanguage language);
    // Why a queue system cannot run a type, and what to do instead, for the 409
    // unsupported_for_system answer and the desktop's tooltip; empty when it can.
    static QString unsupportedReason(
        ActionType type, QueueSystemType system, TextLanguage language = TextLanguage::English);
};

} // namespace qd
