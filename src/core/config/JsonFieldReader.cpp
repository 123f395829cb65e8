#include "core/config/JsonFieldReader.h"

#include <cmath>

namespace qd {

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

JsonFieldReader::JsonFieldReader(
    const QJsonObject& object, QString path, QList<ConfigIssue>& issues)
    : m_object(object), m_path(std::move(path)), m_issues(issues)
{
}

QString JsonFieldReader::pathOf(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

void JsonFieldReader::error(const QString& key, const QString& message)
{
    m_issues.append({ConfigIssue::Severity::Error, pathOf(key), message});
}

QJsonValue JsonFieldReader::take(const QString& key)
{
    m_known.insert(key);
    return m_object.value(key);
}

QJsonValue JsonFieldReader::any(const QString& key)
{
    return take(key);
}

std::optional<QString> JsonFieldReader::string(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isString()) {
        error(key, QStringLiteral("must be a string, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<bool> JsonFieldReader::boolean(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        error(key, QStringLiteral("must be true or false, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> JsonFieldReader::integer(const QString& key, qint64 min, qint64 max)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number) {
        error(key, QStringLiteral("must be a whole number, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
        error(key, QStringLiteral("%1 is out of range (%2 to %3)").arg(number).arg(min).arg(max));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

std::optional<double> JsonFieldReader::number(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble()) {
        error(key, QStringLiteral("must be a number, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<Millis> JsonFieldReader::duration(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isString()) {
        error(key,
            QStringLiteral("must be a duration string such as \"5s\", not %1")
                .arg(jsonTypeName(value)));
        return std::nullopt;
    }
    QString reason;
    const auto parsed = duration::parse(value.toString(), &reason);
    if (!parsed)
        error(key, reason);
    return parsed;
}

std::optional<QStringList> JsonFieldReader::stringList(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        error(key, QStringLiteral("must be an array of strings, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    QStringList out;
    const QJsonArray items = value.toArray();
    bool ok = true;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isString()) {
            m_issues.append(
                {ConfigIssue::Severity::Error, pathOf(key) + u'[' + QString::number(i) + u']',
                    QStringLiteral("must be a string, not %1").arg(jsonTypeName(items[i]))});
            ok = false;
            continue;
        }
        out.append(items[i].toString());
    }
    return ok ? std::optional(out) : std::nullopt;
}

std::optional<QJsonObject> JsonFieldReader::object(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        error(key, QStringLiteral("must be an object, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> JsonFieldReader::array(const QString& key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        error(key, QStringLiteral("must be an array, not %1").arg(jsonTypeName(value)));
        return std::nullopt;
    }
    return value.toArray();
}

QJsonObject JsonFieldReader::finishUnknown()
{
    QJsonObject unknown;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (m_known.contains(it.key()))
            continue;
        unknown.insert(it.key(), it.value());
        m_issues.append({ConfigIssue::Severity::Warning, pathOf(it.key()),
            QStringLiteral("unknown field (ignored, kept when the file is saved)")});
    }
    return unknown;
}

} // namespace qd
