#pragma once

#include <QByteArray>

namespace qd::api {

class Router;

// GET /api/v1/openapi.json: the OpenAPI 3.0 description of this API (src/api/openapi.json,
// compiled in), with info.version set to apiVersion(). A test checks it lists exactly the
// routes the router serves.
class OpenApiController final {
public:
    OpenApiController();
    void registerRoutes(Router& router);
    const QByteArray& document() const { return m_document; }

private:
    QByteArray m_document;
};

} // namespace qd::api
