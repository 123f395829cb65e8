#include "api/controllers/HealthController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/HealthReportJson.h"
#include "api/json/JsonTime.h"
#include "core/config/ConfigValidator.h"
#include "core/engine/Manager.h"

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

// Unknown ranks between degraded and unhealthy: not known to be working.
int rank(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return 0;
    case HealthStatus::Degraded:
        return 1;
    case HealthStatus::Unknown:
        return 2;
    case HealthStatus::Unhealthy:
        return 3;
    }
    return 3;
}

} // namespace

void HealthController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/health"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            if (const auto cluster = request.query(u"cluster"_s)) {
                if (!ConfigValidator::isValidClusterName(*cluster))
                    throw ApiError::badRequest(
                        u"cluster: \"%1\" is not a cluster name"_s.arg(*cluster), u"cluster"_s,
                        u"invalid_name"_s);
                const HealthReport report = m_manager.health(*cluster);
                reply.sendJson(report.healthy ? 200 : 503, healthReportToJson(report));
                return;
            }
            // All clusters: the worst of them decides "healthy", "status" and the HTTP status;
            // with nothing enabled there is nothing watched, which the API specification calls
            // critical.
            const QList<HealthReport> reports = m_manager.healthAll();
            bool healthy = !reports.isEmpty();
            HealthStatus worst = reports.isEmpty() ? HealthStatus::Unknown : HealthStatus::Healthy;
            QDateTime lastChecked;
            QJsonObject clusters;
            for (const HealthReport& report : reports) {
                healthy = healthy && report.healthy;
                if (rank(report.status) > rank(worst))
                    worst = report.status;
                if (report.lastChecked.isValid()
                    && (!lastChecked.isValid() || report.lastChecked > lastChecked))
                    lastChecked = report.lastChecked;
                clusters.insert(report.cluster, healthReportToJson(report));
            }
            reply.sendJson(healthy ? 200 : 503,
                QJsonObject {{u"healthy"_s, healthy}, {u"status"_s, healthStatusName(worst)},
                    {u"clusters"_s, clusters}, {u"last_checked"_s, jsonTime(lastChecked)}});
        },
        {u"cluster"_s});
}

} // namespace qd::api
