#include "api/controllers/ActionWaiter.h"

#include "api/ApiError.h"
#include "core/engine/ActionEngine.h"

#include <QTimer>

namespace qd::api {

struct ActionWaiter::Waiting {
    ApiReply reply;
    QString actionId;
};

void sendAction(ApiReply& reply, const MultiAction& action, int finalStatus)
{
    if (isFinal(action.status)) {
        reply.sendJson(finalStatus, action.toJson());
        return;
    }
    reply.sendJson(202, action.toJson(),
        {{QByteArrayLiteral("Location"),
            QByteArrayLiteral("/api/v1/actions/") + action.id.toUtf8()}});
}

ActionWaiter::ActionWaiter(ActionEngine& engine, std::chrono::milliseconds maxWait, QObject* parent)
    : QObject(parent), m_engine(engine), m_maxWait(maxWait)
{
    connect(&engine, &ActionEngine::actionChanged, this, &ActionWaiter::onActionChanged);
}

ActionWaiter::~ActionWaiter()
{
    flush();
}

void ActionWaiter::answerWhenDone(ApiReply&& reply, const MultiAction& action)
{
    if (isFinal(action.status) || action.status == ActionStatus::Pending) {
        sendAction(reply, action);
        return;
    }
    const quint64 key = m_nextKey++;
    m_waiting.emplace(key, Waiting {std::move(reply), action.id});
    QTimer::singleShot(m_maxWait, this, [this, key] { timeout(key); });
}

void ActionWaiter::onActionChanged(const MultiAction& action)
{
    if (!isFinal(action.status))
        return;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (it->second.actionId == action.id) {
            sendAction(it->second.reply, action);
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
}

void ActionWaiter::timeout(quint64 key)
{
    const auto it = m_waiting.find(key);
    if (it == m_waiting.end())
        return;
    answerNow(it->second);
    m_waiting.erase(it);
}

void ActionWaiter::answerNow(Waiting& waiting)
{
    if (const auto action = m_engine.action(waiting.actionId))
        sendAction(waiting.reply, *action);
    else
        waiting.reply.sendError(ApiError::internal(
            QStringLiteral("action %1 disappeared while running").arg(waiting.actionId)));
}

void ActionWaiter::flush()
{
    while (!m_waiting.empty()) {
        const auto it = m_waiting.begin();
        answerNow(it->second);
        m_waiting.erase(it);
    }
}

} // namespace qd::api
