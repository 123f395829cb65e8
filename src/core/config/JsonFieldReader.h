#pragma once

#include "core/config/ConfigIssue.h"
#include "core/util/Duration.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace qd {

// Reads typed fields of one JSON object and records a ConfigIssue, with the field's JSON path,
// for every field of the wrong type. Fields never read are "unknown": warned about and kept so
// that saving the file does not lose them.
class JsonFieldReader final {
public:
    JsonFieldReader(const QJsonObject& object, QString path, QList<ConfigIssue>& issues);

    bool has(const QString& key) const { return m_object.contains(key); }
    QString pathOf(const QString& key) const;

    std::optional<QString> string(const QString& key);
    std::optional<bool> boolean(const QString& key);
    std::optional<qint64> integer(const QString& key, qint64 min, qint64 max);
    std::optional<double> number(const QString& key);
    std::optional<Millis> duration(const QString& key);
    std::optional<QStringList> stringList(const QString& key);
    std::optional<QJsonObject> object(const QString& key);
    std::optional<QJsonArray> array(const QString& key);
    // Reads key's value without checking its type (for fields that take several shapes).
    QJsonValue any(const QString& key);

    void error(const QString& key, const QString& message);
    // Warns about every field not read so far and returns them.
    QJsonObject finishUnknown();

private:
    QJsonValue take(const QString& key);

    QJsonObject m_object;
    QString m_path;
    QList<ConfigIssue>& m_issues;
    QSet<QString> m_known;
};

QString jsonTypeName(const QJsonValue& value);

} // namespace qd
