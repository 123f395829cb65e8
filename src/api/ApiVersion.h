#pragma once

#include <QString>

namespace qd::api {

// The REST API's version, served in /api/v1/openapi.json and recorded in docs/api/CHANGELOG.md.
QString apiVersion();

} // namespace qd::api
