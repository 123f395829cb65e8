#include "api/controllers/AuditController.h"

#include "api/ApiError.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "core/audit/AuditLog.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

constexpr int kMaxLimit = 5000;

QDateTime timeParameter(const ApiRequest& request, const QString& key)
{
    const auto text = request.query(key);
    if (!text)
        return {};
    QDateTime time = QDateTime::fromString(*text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(*text, Qt::ISODate);
    if (!time.isValid())
        throw ApiError::badRequest(
            u"%1: \"%2\" is not an RFC 3339 time (2025-01-14T10:30:00Z)"_s.arg(key, *text), key,
            u"invalid_parameter"_s);
    return time.toUTC();
}

} // namespace

void AuditController::registerRoutes(Router& router)
{
    router.add(HttpMethod::Get, u"/api/v1/audit"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            AuditQuery query;
            query.from = timeParameter(request, u"from"_s);
            query.to = timeParameter(request, u"to"_s);
            query.cluster = request.query(u"cluster"_s).value_or(QString());
            query.type = request.query(u"type"_s).value_or(QString());
            query.status = request.query(u"status"_s).value_or(QString());
            query.actionId = request.query(u"action_id"_s).value_or(QString());
            if (const auto limit = request.query(u"limit"_s)) {
                bool ok = false;
                query.limit = limit->toInt(&ok);
                if (!ok || query.limit < 1 || query.limit > kMaxLimit)
                    throw ApiError::badRequest(
                        u"limit: must be a whole number from 1 to %1"_s.arg(kMaxLimit), u"limit"_s,
                        u"invalid_parameter"_s);
            }
            QJsonArray entries;
            for (const AuditEntry& entry : m_audit.query(query))
                entries.append(entry.toJson());
            reply.sendJson(200, entries);
        },
        {u"from"_s, u"to"_s, u"cluster"_s, u"type"_s, u"status"_s, u"action_id"_s, u"limit"_s});
}

} // namespace qd::api
