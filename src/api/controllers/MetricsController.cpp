#include "api/controllers/MetricsController.h"

#include "api/http/ApiReply.h"
#include "api/http/Router.h"
#include "api/metrics/ApiMetrics.h"
#include "api/metrics/ClusterGauges.h"
#include "api/sse/SseHub.h"

#include <prometheus/text_serializer.h>

using namespace Qt::StringLiterals;

namespace qd::api {

void MetricsController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/metrics"_s, [this](const ApiRequest&, ApiReply& reply) {
        std::vector<prometheus::MetricFamily> families = m_metrics.collect();
        std::vector<prometheus::MetricFamily> gauges
            = ClusterGauges::collect(m_manager, m_actions, m_hub.clientCount());
        families.insert(families.end(), std::make_move_iterator(gauges.begin()),
            std::make_move_iterator(gauges.end()));
        const std::string text = prometheus::TextSerializer().Serialize(families);
        reply.sendBytes(200, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
            QByteArray(text.data(), static_cast<qsizetype>(text.size())));
    });
}

} // namespace qd::api
