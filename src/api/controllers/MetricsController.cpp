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
        // The persistent counters and histograms, then the gauges written for this scrape;
        // their metric names differ, so each family stays in one block.
        std::string text = prometheus::TextSerializer().Serialize(m_metrics.collect());
        text += ClusterGauges::render(m_manager, m_actions, m_hub.clientCount());
        reply.sendBytes(200, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
            QByteArray(text.data(), static_cast<qsizetype>(text.size())));
    });
}

} // namespace qd::api
