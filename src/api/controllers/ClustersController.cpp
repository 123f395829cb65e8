#include "api/controllers/ClustersController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/ClusterConfigJson.h"
#include "api/json/RequestBodies.h"
#include "core/engine/Manager.h"
#include "core/redis/Endpoint.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QByteArray locationOf(const QString& name)
{
    return QByteArrayLiteral("/api/v1/clusters/") + name.toUtf8();
}

ApiError readOnlyError(const QString& message)
{
    return ApiError(403, u"cluster_read_only"_s, message, u"read_only"_s);
}

// "127.0.0.1:6379/0": which server and database a cluster entry reaches (empty when the
// endpoint does not parse; validation has refused that already).
QString serverIdentity(const ClusterConfig& cluster)
{
    const auto endpoint = redis::Endpoint::parse(cluster.endpoint);
    if (!endpoint)
        return {};
    return endpoint->address() + u'/' + QString::number(endpoint->db.value_or(cluster.db));
}

} // namespace

void ClustersController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/clusters"_s, [this](const ApiRequest&, ApiReply& reply) {
        QJsonArray list;
        for (const ClusterConfig& cluster : m_manager.config().clusters)
            list.append(clusterConfigToJson(cluster));
        reply.sendJson(200, list);
    });
    router.add(HttpMethod::Post, u"/api/v1/clusters"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const ClusterConfig cluster = requests::cluster(request.jsonObject());
            guardReadOnly(nullptr, cluster);
            m_manager.addCluster(cluster);
            reply.sendJson(201, detail(m_manager.cluster(cluster.name)),
                {{QByteArrayLiteral("Location"), locationOf(cluster.name)}});
        });
    router.add(HttpMethod::Get, u"/api/v1/clusters/{name}"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            reply.sendJson(200, detail(m_manager.cluster(request.clusterParam())));
        });
    router.add(HttpMethod::Put, u"/api/v1/clusters/{name}"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const QString name = request.clusterParam();
            const ClusterConfig current = m_manager.cluster(name);
            const ClusterConfig cluster = requests::cluster(request.jsonObject(), &current);
            guardReadOnly(&current, cluster);
            m_manager.updateCluster(name, cluster);
            reply.sendJson(200, detail(m_manager.cluster(cluster.name)));
        });
    router.add(HttpMethod::Delete, u"/api/v1/clusters/{name}"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const QString name = request.clusterParam();
            guardRemoval(name);
            m_manager.removeCluster(name);
            reply.sendNoContent();
        });
}

void ClustersController::guardReadOnly(
    const ClusterConfig* current, const ClusterConfig& next) const
{
    if (current && current->readOnly && !next.readOnly)
        throw readOnlyError(
            u"%1 is read_only; the API cannot lift that (edit the config file)"_s.arg(
                current->name));
    if (next.readOnly)
        return;
    const QString server = serverIdentity(next);
    for (const ClusterConfig& other : m_manager.config().clusters) {
        if (!other.readOnly || (current && other.name == current->name))
            continue;
        if (!server.isEmpty() && serverIdentity(other) == server)
            throw readOnlyError(
                u"%1 reaches the same server and database as read_only cluster %2; set "
                "read_only on it too"_s.arg(next.name, other.name));
    }
}

void ClustersController::guardRemoval(const QString& name) const
{
    const ClusterConfig* cluster = m_manager.config().cluster(name);
    if (cluster && cluster->readOnly)
        throw readOnlyError(
            u"%1 is read_only; the API cannot remove it (edit the config file)"_s.arg(name));
}

QJsonObject ClustersController::detail(const ClusterConfig& cluster) const
{
    QJsonObject json = clusterConfigToJson(cluster);
    json.insert(u"connection"_s, connectionToJson(m_manager, cluster));
    return json;
}

} // namespace qd::api
