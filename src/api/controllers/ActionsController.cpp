#include "api/controllers/ActionsController.h"

#include "api/ApiError.h"
#include "api/controllers/ActionWaiter.h"
#include "api/http/ApiReply.h"
#include "api/http/ApiRequest.h"
#include "api/json/ActionTypeJson.h"
#include "api/json/RequestBodies.h"
#include "core/actions/ActionCatalog.h"
#include "core/engine/ActionEngine.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

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
            const requests::ActionCreate body = requests::actionCreate(request.jsonObject());
            const MultiAction action = m_engine.submit(
                body.type, body.targets, body.parameters, actor(body.requestedBy, request));
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
    // Before /actions/{id}, which would take "types" for an id.
    router.add(
        HttpMethod::Get, u"/api/v1/actions/types"_s, [this](const ApiRequest&, ApiReply& reply) {
            QJsonArray types;
            for (const ActionTypeSpec& spec : ActionCatalog::all()) {
                QJsonObject type = actionTypeToJson(spec);
                type.insert(u"allowed"_s, m_engine.isAllowed(spec.name));
                type.insert(u"needs_confirmation"_s, m_engine.needsConfirmation(spec.name));
                types.append(type);
            }
            reply.sendJson(200, QJsonObject {{u"types"_s, types}});
        });
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
            const QString by = requests::actionConfirm(request.jsonObject());
            const QString id = request.param(u"id"_s);
            actionOrThrow(m_engine, id);
            m_waiter.answerWhenDone(std::move(reply), m_engine.confirm(id, by));
        });
    router.add(HttpMethod::Post, u"/api/v1/actions/{id}/cancel"_s,
        [this](const ApiRequest& request, ApiReply& reply) {
            const auto by = requests::actionCancel(request.optionalJsonObject());
            const QString id = request.param(u"id"_s);
            actionOrThrow(m_engine, id);
            const MultiAction action = m_engine.cancel(id, actor(by, request));
            if (isFinal(action.status)) {
                m_waiter.answerWhenDone(std::move(reply), action);
                return;
            }
            reply.sendJson(202, m_engine.action(id).value_or(action).toJson());
        });
}

} // namespace qd::api
