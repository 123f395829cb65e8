#include "api/controllers/EventsController.h"

#include "api/ApiError.h"
#include "api/http/ApiRequest.h"
#include "api/sse/SseHub.h"
#include "core/config/ConfigValidator.h"
#include "core/events/Event.h"

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

QSet<QString> listParameter(const ApiRequest& request, const QString& key)
{
    QSet<QString> values;
    if (const auto text = request.query(key)) {
        for (const QString& part : text->split(u',', Qt::SkipEmptyParts))
            values.insert(part.trimmed());
    }
    return values;
}

std::optional<qint64> lastEventId(const ApiRequest& request)
{
    QString text = QString::fromUtf8(request.header(QByteArrayLiteral("Last-Event-ID"))).trimmed();
    QString field = u"Last-Event-ID"_s;
    if (text.isEmpty()) {
        text = request.query(u"last_event_id"_s).value_or(QString()).trimmed();
        field = u"last_event_id"_s;
    }
    if (text.isEmpty())
        return std::nullopt;
    if (text == u"0" || text == u"evt-0")
        return 0;
    const qint64 id = Event::parseId(text);
    if (id == 0)
        throw ApiError::badRequest(u"%1: \"%2\" is not an event id (evt-N)"_s.arg(field, text),
            field, u"invalid_parameter"_s);
    return id;
}

} // namespace

void EventsController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/events"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            SseFilter filter;
            filter.clusters = listParameter(request, u"cluster"_s);
            for (const QString& name : std::as_const(filter.clusters)) {
                if (!ConfigValidator::isValidClusterName(name))
                    throw ApiError::badRequest(u"cluster: \"%1\" is not a cluster name"_s.arg(name),
                        u"cluster"_s, u"invalid_name"_s);
            }
            filter.types = listParameter(request, u"type"_s);
            const QStringList known = SseHub::knownTypes();
            for (const QString& type : std::as_const(filter.types)) {
                if (!known.contains(type))
                    throw ApiError::badRequest(
                        u"type: \"%1\" is not an event type (%2)"_s.arg(type, known.join(u", "_s)),
                        u"type"_s, u"invalid_parameter"_s);
            }
            m_hub.subscribe(std::move(reply), std::move(filter), lastEventId(request));
        },
        {u"cluster"_s, u"type"_s, u"last_event_id"_s});
}

} // namespace qd::api
