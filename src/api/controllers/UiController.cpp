#include "api/controllers/UiController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/JsonBody.h"
#include "core/config/ConfigValidator.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QString healthName(const Manager& manager, const QString& cluster)
{
    try {
        return healthStatusName(manager.health(cluster).status);
    } catch (const ClusterError&) {
        return healthStatusName(HealthStatus::Unknown); // not started yet
    }
}

QJsonObject compareState(const Manager& manager)
{
    return {{u"enabled"_s, manager.compareMode().enabled},
        {u"clusters"_s, QJsonArray::fromStringList(manager.compareMode().clusters)}};
}

} // namespace

void UiController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/ui/tabs"_s, [this](const ApiRequest&, ApiReply& reply) {
        QJsonArray tabs;
        int active = 0;
        const QStringList clusters = m_manager.enabledClusters();
        for (qsizetype i = 0; i < clusters.size(); ++i) {
            const ClusterConfig& cluster = m_manager.cluster(clusters[i]);
            if (cluster.name == m_manager.activeCluster())
                active = static_cast<int>(i);
            tabs.append(QJsonObject {{u"index"_s, i + 1}, {u"cluster_name"_s, cluster.name},
                {u"label"_s, cluster.displayLabel()}, {u"color"_s, cluster.color},
                // Keys 1-9 switch tabs; later tabs have no key.
                {u"shortcut"_s, i < 9 ? QString::number(i + 1) : QString()},
                {u"health"_s, healthName(m_manager, cluster.name)}});
        }
        reply.sendJson(200,
            QJsonObject {{u"tabs"_s, tabs}, {u"active_tab"_s, active},
                {u"active_cluster"_s, m_manager.activeCluster()},
                {u"compare_mode"_s, m_manager.compareMode().enabled},
                {u"compare_clusters"_s,
                    QJsonArray::fromStringList(m_manager.compareMode().clusters)}});
    });
    router.add(HttpMethod::Put, u"/api/v1/ui/compare"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            JsonBody body(request.jsonObject());
            const bool enabled = *body.boolean(u"enabled"_s, true);
            const QStringList clusters = body.stringList(u"clusters"_s).value_or(QStringList());
            body.rejectUnknown();
            for (qsizetype i = 0; i < clusters.size(); ++i) {
                if (!ConfigValidator::isValidClusterName(clusters[i]))
                    throw ApiError::badRequest(
                        u"clusters[%1]: \"%2\" is not a cluster name"_s.arg(i).arg(clusters[i]),
                        u"clusters[%1]"_s.arg(i), u"invalid_name"_s);
            }
            m_manager.setCompareMode(enabled, clusters);
            reply.sendJson(200, compareState(m_manager));
        });
}

} // namespace qd::api
