#include "api/controllers/ActionsController.h"

#include "api/ApiError.h"
#include "api/controllers/ActionWaiter.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/JsonBody.h"
#include "core/actions/ActionEngine.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

// The seed's request carries "confirmations"; whether an action needs one is the server's
// decision (actions.require_confirmation), so they are checked for shape and otherwise ignored.
void checkConfirmations(const QJsonArray& confirmations)
{
    for (qsizetype i = 0; i < confirmations.size(); ++i) {
        const QString path = u"confirmations[%1]"_s.arg(i);
        if (!confirmations[i].isObject())
            throw ApiError::badRequest(path + u": must be an object"_s, path, u"invalid_field"_s);
        JsonBody item(confirmations[i].toObject(), path);
        item.boolean(u"required"_s);
        item.string(u"message"_s);
        item.rejectUnknown();
    }
}

// A person's name goes to the audit log, the logs and events: a line break or another
// control character there could forge lines in text logs.
std::optional<QString> personField(JsonBody& body, const QString& key)
{
    const auto value = body.string(key);
    if (value) {
        for (const QChar c : *value) {
            if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
                || c == QChar::ParagraphSeparator)
                throw ApiError::badRequest(
                    key + u": must not contain control characters"_s, key, u"invalid_field"_s);
        }
    }
    return value;
}

// Who asked: the body's name when given, else the client's address (there are no user
// accounts; the token says the caller may act, not who they are).
QString actor(const std::optional<QString>& named, const ApiRequest& request)
{
    if (named && !named->trimmed().isEmpty())
        return named->trimmed();
    return u"api@"_s + request.remoteAddress();
}

MultiAction actionOrThrow(const ActionEngine& engine, const QString& id)
{
    const auto action = engine.action(id);
    if (!action)
        throw ApiError(404, u"action_not_found"_s, u"action \"%1\" does not exist"_s.arg(id));
    return *action;
}

} // namespace

void ActionsController::registerRoutes(Router& router)
{
    router.add(
        HttpMethod::Post, u"/api/v1/actions"_s, [this](const ApiRequest& request, ApiReply& reply) {
            JsonBody body(request.jsonObject());
            const QString type = *body.string(u"type"_s, true);
            const QStringList targets = *body.stringList(u"targets"_s, true);
            const QJsonObject parameters = body.object(u"parameters"_s).value_or(QJsonObject());
            checkConfirmations(body.array(u"confirmations"_s).value_or(QJsonArray()));
            const auto requestedBy = personField(body, u"requested_by"_s);
            body.rejectUnknown();
            if (targets.isEmpty())
                throw ApiError::badRequest(
                    u"targets: name at least one cluster"_s, u"targets"_s, u"invalid_field"_s);
            const MultiAction action
                = m_engine.submit(type, targets, parameters, actor(requestedBy, request));
            m_waiter.answerWhenDone(std::move(reply), action);
        });
    router.add(HttpMethod::Get, u"/api/v1/actions"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            std::optional<ActionStatus> status;
            if (const auto name = request.query(u"status"_s)) {
                status = actionStatusFromName(*name);
                if (!status)
                    throw ApiError::badRequest(
                        u"status: \"%1\" is not one of pending, confirmed, executing, completed, "
                        "failed, cancelled, interrupted"_s.arg(*name),
                        u"status"_s, u"invalid_parameter"_s);
            }
            QJsonArray list;
            for (const MultiAction& action : m_engine.actions(status))
                list.append(action.toJson());
            reply.sendJson(200, list);
        },
        {u"status"_s});
    router.add(HttpMethod::Get, u"/api/v1/actions/{id}"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            reply.sendJson(200, actionOrThrow(m_engine, request.param(u"id"_s)).toJson());
        });
    registerCommands(router);
}

void ActionsController::registerCommands(Router& router)
{
    router.add(HttpMethod::Post, u"/api/v1/actions/{id}/confirm"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            JsonBody body(request.jsonObject());
            body.string(u"confirmed_by"_s, true);
            const QString by = *personField(body, u"confirmed_by"_s);
            body.rejectUnknown();
            if (by.trimmed().isEmpty())
                throw ApiError::badRequest(u"confirmed_by: must name who confirms"_s,
                    u"confirmed_by"_s, u"invalid_field"_s);
            const QString id = request.param(u"id"_s);
            actionOrThrow(m_engine, id);
            m_waiter.answerWhenDone(std::move(reply), m_engine.confirm(id, by.trimmed()));
        });
    router.add(HttpMethod::Post, u"/api/v1/actions/{id}/cancel"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            JsonBody body(request.optionalJsonObject());
            const auto by = personField(body, u"cancelled_by"_s);
            body.rejectUnknown();
            const QString id = request.param(u"id"_s);
            actionOrThrow(m_engine, id);
            const MultiAction action = m_engine.cancel(id, actor(by, request));
            reply.sendJson(isFinal(action.status) ? 200 : 202, action.toJson());
        });
}

} // namespace qd::api
