#include "api/controllers/StatsController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/CompareResultJson.h"
#include "api/json/JsonBody.h"
#include "core/config/ConfigValidator.h"
#include "core/engine/Manager.h"

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QString checkedClusterName(const QString& name, const QString& field)
{
    if (!ConfigValidator::isValidClusterName(name))
        throw ApiError::badRequest(
            u"%1: \"%2\" is not a cluster name"_s.arg(field, name), field, u"invalid_name"_s);
    return name;
}

} // namespace

void StatsController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/stats"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            static const QByteArray kJson = QByteArrayLiteral("application/json");
            if (const auto cluster = request.query(u"cluster"_s)) {
                const QString name = checkedClusterName(*cluster, u"cluster"_s);
                // Throws for unknown, disabled and never-polled clusters; asks for a refresh
                // when the cache is stale.
                m_manager.stats(name);
                reply.sendBytes(200, kJson, m_rendered.cluster(name));
                return;
            }
            // All clusters: keyed by name, like the seed's GetAllStats map. Clusters without
            // stats yet are absent; /health says why.
            reply.sendBytes(200, kJson, m_rendered.all());
        },
        {u"cluster"_s});
    router.addRead(HttpMethod::Post, u"/api/v1/stats/compare"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            JsonBody body(request.jsonObject());
            const QStringList clusters = *body.stringList(u"clusters"_s, true);
            body.rejectUnknown();
            if (clusters.size() < 2)
                throw ApiError::badRequest(u"clusters: name at least two clusters to compare"_s,
                    u"clusters"_s, u"invalid_field"_s);
            for (qsizetype i = 0; i < clusters.size(); ++i)
                checkedClusterName(clusters[i], u"clusters[%1]"_s.arg(i));
            reply.sendJson(200, compareResultToJson(m_manager.compare(clusters)));
        });
}

} // namespace qd::api
