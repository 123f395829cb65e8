#include "SchemaChecker.h"

#include <QJsonArray>

namespace qd::test {
namespace {

bool hasType(const QJsonValue& value, const QString& type)
{
    if (type == QLatin1String("object"))
        return value.isObject();
    if (type == QLatin1String("array"))
        return value.isArray();
    if (type == QLatin1String("string"))
        return value.isString();
    if (type == QLatin1String("boolean"))
        return value.isBool();
    if (type == QLatin1String("number"))
        return value.isDouble();
    if (type == QLatin1String("integer"))
        return value.isDouble() && value.toDouble() == static_cast<double>(value.toInteger());
    return false;
}

} // namespace

SchemaChecker::SchemaChecker(QJsonObject document) : m_document(std::move(document))
{
}

QJsonObject SchemaChecker::resolve(const QJsonObject& schema) const
{
    QJsonObject current = schema;
    while (current.contains(QStringLiteral("$ref"))) {
        const QString ref = current.value(QStringLiteral("$ref")).toString();
        const QString name = ref.section(u'/', -1);
        current
            = m_document[QStringLiteral("components")][QStringLiteral("schemas")][name].toObject();
    }
    return current;
}

void SchemaChecker::checkValue(
    const QJsonValue& value, const QJsonObject& raw, const QString& path, QStringList& errors) const
{
    const QJsonObject schema = resolve(raw);
    if (schema.isEmpty() && raw.contains(QStringLiteral("$ref"))) {
        errors.append(
            path + QStringLiteral(": unresolved ") + raw.value(QStringLiteral("$ref")).toString());
        return;
    }
    if (value.isNull() && schema.value(QStringLiteral("nullable")).toBool())
        return;
    if (schema.contains(QStringLiteral("allOf"))) {
        for (const QJsonValue& part : schema.value(QStringLiteral("allOf")).toArray())
            checkValue(value, part.toObject(), path, errors);
        return;
    }
    if (schema.contains(QStringLiteral("oneOf"))) {
        int matches = 0;
        QStringList all;
        for (const QJsonValue& part : schema.value(QStringLiteral("oneOf")).toArray()) {
            QStringList partErrors;
            checkValue(value, part.toObject(), path, partErrors);
            if (partErrors.isEmpty())
                ++matches;
            all += partErrors;
        }
        if (matches == 0)
            errors.append(path + QStringLiteral(": matches none of oneOf (")
                + all.join(QStringLiteral("; ")) + u')');
        return;
    }
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (!type.isEmpty() && !hasType(value, type)) {
        errors.append(path + QStringLiteral(": expected ") + type);
        return;
    }
    if (schema.contains(QStringLiteral("enum"))
        && !schema.value(QStringLiteral("enum")).toArray().contains(value))
        errors.append(path + QStringLiteral(": value not in enum"));
    if (type == QLatin1String("array")) {
        const QJsonObject items = schema.value(QStringLiteral("items")).toObject();
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            checkValue(array[i], items, path + u'[' + QString::number(i) + u']', errors);
    }
    if (type == QLatin1String("object")) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (const QJsonValue& required : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(required.toString()))
                errors.append(
                    path + u'.' + required.toString() + QStringLiteral(": required but missing"));
        }
        const QJsonValue additional = schema.value(QStringLiteral("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString child = path + u'.' + it.key();
            if (properties.contains(it.key()))
                checkValue(it.value(), properties.value(it.key()).toObject(), child, errors);
            else if (additional.isObject())
                checkValue(it.value(), additional.toObject(), child, errors);
            else if (additional.isBool() && !additional.toBool())
                errors.append(child + QStringLiteral(": not in the schema"));
        }
    }
}

QStringList SchemaChecker::check(const QJsonValue& value, const QString& schemaName) const
{
    QStringList errors;
    const QJsonObject ref {
        {QStringLiteral("$ref"), QString(QStringLiteral("#/components/schemas/") + schemaName)}};
    checkValue(value, ref, QStringLiteral("$"), errors);
    return errors;
}

QStringList SchemaChecker::checkResponse(
    const QString& method, const QString& pathTemplate, int status, const QJsonValue& body) const
{
    const QJsonObject operation
        = m_document[QStringLiteral("paths")][pathTemplate][method.toLower()].toObject();
    if (operation.isEmpty())
        return {method + u' ' + pathTemplate + QStringLiteral(": not in the document")};
    const QJsonObject response
        = operation[QStringLiteral("responses")][QString::number(status)].toObject();
    if (response.isEmpty())
        return {method + u' ' + pathTemplate
            + QStringLiteral(": status %1 not documented").arg(status)};
    const QJsonObject schema = response[QStringLiteral("content")][QStringLiteral(
        "application/json")][QStringLiteral("schema")]
                                   .toObject();
    if (schema.isEmpty())
        return body.isUndefined() || body.isNull()
            ? QStringList()
            : QStringList {QStringLiteral("no JSON schema for a JSON body")};
    QStringList errors;
    checkValue(body, schema, QStringLiteral("$"), errors);
    return errors;
}

bool SchemaChecker::hasOperation(const QString& method, const QString& pathTemplate) const
{
    return m_document[QStringLiteral("paths")][pathTemplate][method.toLower()].isObject();
}

QStringList SchemaChecker::operations() const
{
    static const QStringList kMethods {QStringLiteral("get"), QStringLiteral("post"),
        QStringLiteral("put"), QStringLiteral("delete"), QStringLiteral("patch")};
    QStringList out;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        for (const QString& method : kMethods) {
            if (it.value().toObject().contains(method))
                out.append(method.toUpper() + u' ' + it.key());
        }
    }
    return out;
}

} // namespace qd::test
