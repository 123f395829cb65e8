#pragma once

#include <QJsonObject>

namespace qd {
struct ActionTypeSpec;
}

namespace qd::api {

// One entry of GET /api/v1/actions/types: the catalog's description of an action type, in
// English, enough for a client to build its form and confirmation (docs/api.md).
QJsonObject actionTypeToJson(const ActionTypeSpec& spec);

} // namespace qd::api
