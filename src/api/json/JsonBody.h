#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::api {

// Strict reader of a request body: each field is type-checked, and a field the endpoint does
// not know is an error (a typo must not be silently ignored when it changes production
// queues). Failures throw ApiError(400) naming the field.
class JsonBody final {
public:
    explicit JsonBody(QJsonObject object, QString path = {});

    bool has(const QString& key) const { return m_object.contains(key); }
    std::optional<QString> string(const QString& key, bool required = false);
    std::optional<bool> boolean(const QString& key, bool required = false);
    std::optional<QStringList> stringList(const QString& key, bool required = false);
    std::optional<QJsonObject> object(const QString& key, bool required = false);
    std::optional<QJsonArray> array(const QString& key, bool required = false);
    // A field the endpoint accepts and ignores (read-only fields a GET returned).
    void accept(const QString& key) { m_known.insert(key); }
    // Throws for the first field nobody read or accepted.
    void rejectUnknown() const;

    QString pathOf(const QString& key) const;
    [[noreturn]] void fail(const QString& key, const QString& message) const;

private:
    std::optional<QJsonValue> take(const QString& key, bool required);

    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_known;
};

// "a string", "a number", ... for messages.
QString describeJsonType(const QJsonValue& value);

} // namespace qd::api
