#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace qd::test {

// Checks JSON against the schemas of an OpenAPI 3.0 document: $ref, type, nullable, enum,
// properties, required, additionalProperties, items, allOf and oneOf. Enough to prove that
// what the server sends is what its document says.
class SchemaChecker final {
public:
    explicit SchemaChecker(QJsonObject document);

    // Problems of value against components.schemas[name]; empty when it conforms.
    QStringList check(const QJsonValue& value, const QString& schemaName) const;
    // Problems of a response body against the document's entry for method + path template +
    // status ("no schema" is a problem too, so an undocumented status code fails).
    QStringList checkResponse(const QString& method, const QString& pathTemplate, int status,
        const QJsonValue& body) const;
    // Whether the document lists this method on this path template.
    bool hasOperation(const QString& method, const QString& pathTemplate) const;
    QStringList operations() const; // "GET /api/v1/clusters", ...

private:
    void checkValue(const QJsonValue& value, const QJsonObject& schema, const QString& path,
        QStringList& errors) const;
    QJsonObject resolve(const QJsonObject& schema) const;

    QJsonObject m_document;
};

} // namespace qd::test
