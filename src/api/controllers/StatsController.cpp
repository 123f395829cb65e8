#include "api/controllers/StatsController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/CompareResultJson.h"
#include "api/json/RequestBodies.h"
#include "core/engine/Manager.h"

using namespace Qt::StringLiterals;

namespace qd::api {
void StatsController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/stats"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            static const QByteArray kJson = QByteArrayLiteral("application/json");
            if (const auto cluster = request.query(u"cluster"_s)) {
                const QString name = requests::clusterName(*cluster, u"cluster"_s);
                // Throws for unknown, disabled and never-polled clusters; asks for a refresh
                // when the cache is stale.
                m_manager.stats(name);
                reply.sendBytes(200, kJson, m_rendered.cluster(name));
                return;
            }
            // All clusters: keyed by name, like the Go client's GetAllStats map. Clusters
            // without stats yet are absent; /health says why.
            reply.sendBytes(200, kJson, m_rendered.all());
        },
        {u"cluster"_s});
    router.addRead(HttpMethod::Post, u"/api/v1/stats/compare"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const QStringList clusters = requests::statsCompare(request.jsonObject());
            reply.sendJson(200, compareResultToJson(m_manager.compare(clusters)));
        });
}

} // namespace qd::api
