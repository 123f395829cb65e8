#include "api/controllers/UiController.h"

#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/RequestBodies.h"
#include "core/engine/Manager.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QString healthName(const Manager& manager, const QString& cluster)
{
    const auto health = manager.findHealth(cluster);
    return healthStatusName(health ? health->status : HealthStatus::Unknown);
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
            const requests::UiCompare body = requests::uiCompare(request.jsonObject());
            m_manager.setCompareMode(body.enabled, body.clusters);
            reply.sendJson(200, compareState(m_manager));
        });
}

} // namespace qd::api
