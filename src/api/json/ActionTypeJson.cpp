#include "api/json/ActionTypeJson.h"

#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionTypes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QJsonArray valuesToJson(const QList<ParameterValue>& values)
{
    QJsonArray array;
    for (const ParameterValue& v : values) {
        QJsonObject value {{u"value"_s, v.value}, {u"label"_s, v.phrase.english()}};
        if (!v.queueSystems.isEmpty())
            value.insert(u"queue_systems"_s, QJsonArray::fromStringList(v.queueSystems));
        array.append(value);
    }
    return array;
}

QJsonObject parameterToJson(const ActionParameter& p)
{
    QJsonObject json {{u"name"_s, p.name}, {u"type"_s, parameterKindName(p.kind)},
        {u"label"_s, p.label.english()}, {u"help"_s, p.help.english()},
        {u"required"_s, p.required}};
    if (p.hasDefault())
        json.insert(u"default"_s, p.defaultValue);
    if (p.kind == ParameterKind::Integer) {
        json.insert(u"minimum"_s, p.minimum);
        json.insert(u"maximum"_s, p.maximum);
    }
    if (!p.absent.isEmpty())
        json.insert(u"absent"_s, p.absent.english());
    if (!p.specialQueues.isEmpty())
        json.insert(u"special_values"_s, valuesToJson(p.specialQueues));
    if (p.kind == ParameterKind::Choice)
        json.insert(u"choices"_s, valuesToJson(p.choices));
    if (!p.queueSystems.isEmpty())
        json.insert(u"queue_systems"_s, QJsonArray::fromStringList(p.queueSystems));
    return json;
}

} // namespace

QJsonObject actionTypeToJson(const ActionTypeSpec& spec)
{
    QJsonArray parameters;
    for (const ActionParameter& p : spec.parameters)
        parameters.append(parameterToJson(p));
    return {{u"name"_s, spec.name}, {u"label"_s, spec.label.english()},
        {u"summary"_s, spec.summary.english()}, {u"destructive"_s, spec.destructive},
        {u"read_only"_s, spec.readOnly}, {u"parameters"_s, parameters},
        {u"confirmation"_s, actiontypes::confirmationTemplate(spec)},
        {u"queue_systems"_s, QJsonArray::fromStringList(spec.queueSystems)}};
}

} // namespace qd::api
