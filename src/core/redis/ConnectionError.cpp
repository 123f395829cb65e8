#include "core/redis/ConnectionError.h"

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;

std::string compose(const QString& cluster, const QString& endpoint, const QString& reason)
{
    QString where;
    if (!cluster.isEmpty())
        where = u"cluster \""_s + cluster + u'"'
            + (endpoint.isEmpty() ? QString() : u" ("_s + endpoint + u')');
    else
        where = endpoint;
    return (where.isEmpty() ? reason : where + u": "_s + reason).toStdString();
}

} // namespace

ConnectionError::ConnectionError(Kind kind, QString cluster, QString endpoint, QString reason)
    : std::runtime_error(compose(cluster, endpoint, reason))
    , m_kind(kind)
    , m_cluster(std::move(cluster))
    , m_endpoint(std::move(endpoint))
    , m_reason(std::move(reason))
{
}

Severity ConnectionError::severityOf(Kind kind)
{
    switch (kind) {
    case Kind::Refused:
    case Kind::Timeout:
    case Kind::ClusterDown:
    case Kind::Resolve:
    case Kind::Io:
    case Kind::NotMaster:
        return Severity::Warning; // the cluster is disconnected or degraded; retrying may help
    case Kind::Tls:
    case Kind::Auth:
    case Kind::WrongDb:
    case Kind::Protocol:
    case Kind::Config:
        return Severity::Error; // retrying will not help until someone changes something
    }
    return Severity::Error;
}

QString ConnectionError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Refused:
        return u"refused"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Tls:
        return u"tls"_s;
    case Kind::Auth:
        return u"auth"_s;
    case Kind::WrongDb:
        return u"wrong_db"_s;
    case Kind::ClusterDown:
        return u"cluster_down"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::Resolve:
        return u"resolve"_s;
    case Kind::Io:
        return u"io"_s;
    case Kind::Config:
        return u"config"_s;
    case Kind::NotMaster:
        return u"not_master"_s;
    }
    return u"unknown"_s;
}

} // namespace qd::redis
