#include "api/json/JsonBody.h"

#include "api/ApiError.h"

using namespace Qt::StringLiterals;

namespace qd::api {

QString describeJsonType(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

JsonBody::JsonBody(QJsonObject object, QString path)
    : m_object(std::move(object)), m_path(std::move(path))
{
}

QString JsonBody::pathOf(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

void JsonBody::fail(const QString& key, const QString& message) const
{
    throw ApiError::badRequest(pathOf(key) + u": "_s + message, pathOf(key), u"invalid_field"_s);
}

std::optional<QJsonValue> JsonBody::take(const QString& key, bool required)
{
    m_known.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (required)
            throw ApiError::badRequest(
                pathOf(key) + u": required"_s, pathOf(key), u"missing_field"_s);
        return std::nullopt;
    }
    return it.value();
}

std::optional<QString> JsonBody::string(const QString& key, bool required)
{
    const auto value = take(key, required);
    if (!value)
        return std::nullopt;
    if (!value->isString())
        fail(key, u"must be a string, not %1"_s.arg(describeJsonType(*value)));
    return value->toString();
}

std::optional<bool> JsonBody::boolean(const QString& key, bool required)
{
    const auto value = take(key, required);
    if (!value)
        return std::nullopt;
    if (!value->isBool())
        fail(key, u"must be true or false, not %1"_s.arg(describeJsonType(*value)));
    return value->toBool();
}

std::optional<QStringList> JsonBody::stringList(const QString& key, bool required)
{
    const auto value = take(key, required);
    if (!value)
        return std::nullopt;
    if (!value->isArray())
        fail(key, u"must be an array of strings, not %1"_s.arg(describeJsonType(*value)));
    QStringList out;
    const QJsonArray items = value->toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isString()) {
            const QString item = key + u'[' + QString::number(i) + u']';
            fail(item, u"must be a string, not %1"_s.arg(describeJsonType(items[i])));
        }
        out.append(items[i].toString());
    }
    return out;
}

std::optional<QJsonObject> JsonBody::object(const QString& key, bool required)
{
    const auto value = take(key, required);
    if (!value)
        return std::nullopt;
    if (!value->isObject())
        fail(key, u"must be an object, not %1"_s.arg(describeJsonType(*value)));
    return value->toObject();
}

std::optional<QJsonArray> JsonBody::array(const QString& key, bool required)
{
    const auto value = take(key, required);
    if (!value)
        return std::nullopt;
    if (!value->isArray())
        fail(key, u"must be an array, not %1"_s.arg(describeJsonType(*value)));
    return value->toArray();
}

void JsonBody::rejectUnknown() const
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_known.contains(it.key()))
            throw ApiError::badRequest(
                pathOf(it.key()) + u": unknown field"_s, pathOf(it.key()), u"unknown_field"_s);
    }
}

} // namespace qd::api
