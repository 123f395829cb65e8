#include "api/controllers/TrendsController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "core/engine/Manager.h"
#include "core/util/Duration.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

// "since" is a duration back from now ("15m") or an RFC 3339 time; 0 means no bound.
qint64 sinceParameter(const ApiRequest& request, const Manager& manager)
{
    const auto text = request.query(u"since"_s);
    if (!text || text->isEmpty())
        return 0;
    if (const auto ago = duration::parse(*text))
        return manager.clock().wallNow().toMSecsSinceEpoch() - ago->count();
    QDateTime time = QDateTime::fromString(*text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(*text, Qt::ISODate);
    if (!time.isValid())
        throw ApiError::badRequest(
            u"since: \"%1\" is neither a duration (15m) nor an RFC 3339 time"_s.arg(*text),
            u"since"_s, u"invalid_parameter"_s);
    return time.toMSecsSinceEpoch();
}

QJsonArray samplesToJson(const QList<TrendSample>& samples)
{
    QJsonArray array;
    for (const TrendSample& sample : samples) {
        array.append(QJsonObject {
            {u"timestamp"_s,
                QDateTime::fromMSecsSinceEpoch(sample.atMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"value"_s, sample.value}});
    }
    return array;
}

} // namespace

void TrendsController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/clusters/{name}/trends"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const QString name = m_manager.cluster(request.clusterParam()).name;
            const qint64 since = sinceParameter(request, m_manager);
            const TrendStore& trends = m_manager.trends();
            QStringList metrics = trends.metrics(name);
            if (const auto metric = request.query(u"metric"_s)) {
                const bool known = metrics.contains(*metric)
                    || TrendStore::standardMetrics().contains(*metric)
                    || metric->startsWith(u"queue_size:"_s);
                if (!known)
                    throw ApiError::badRequest(
                        u"metric: \"%1\" is not a trend metric (%2)"_s.arg(
                            *metric, TrendStore::standardMetrics().join(u", "_s)),
                        u"metric"_s, u"invalid_parameter"_s);
                metrics = {*metric};
            }
            QJsonObject series;
            for (const QString& metric : std::as_const(metrics))
                series.insert(metric, samplesToJson(trends.series(name, metric, since)));
            reply.sendJson(200,
                QJsonObject {{u"cluster"_s, name},
                    {u"since"_s,
                        since > 0 ? QJsonValue(QDateTime::fromMSecsSinceEpoch(since, Qt::UTC)
                                                   .toString(Qt::ISODateWithMs))
                                  : QJsonValue(QJsonValue::Null)},
                    {u"metrics"_s, series}});
        },
        {u"metric"_s, u"since"_s});
}

} // namespace qd::api
