#include "api/ApiVersion.h"

namespace qd::api {

QString apiVersion()
{
    return QStringLiteral("1.4.0");
}

} // namespace qd::api
