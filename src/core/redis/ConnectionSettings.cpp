#include "core/redis/ConnectionSettings.h"

namespace qd::redis {

using namespace Qt::StringLiterals;

ConnectionSettings ConnectionSettings::withEndpoint(Endpoint other) const
{
    ConnectionSettings copy = *this;
    copy.endpoint = std::move(other);
    return copy;
}

ConnectionError ConnectionSettings::error(ConnectionError::Kind kind, QString reason) const
{
    for (const QString& secret : {password, endpoint.password}) {
        if (!secret.isEmpty())
            reason.replace(secret, u"***"_s);
    }
    return ConnectionError(kind, clusterName, endpoint.display(), std::move(reason));
}

} // namespace qd::redis
