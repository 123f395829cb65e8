#include "api/controllers/ActionWaiter.h"

#include "api/ApiError.h"
#include "core/engine/ActionEngine.h"

#include <QTimer>

namespace qd::api {

struct ActionWaiter::Waiting {
    ApiReply reply;
    QString actionId;
    bool answerWhenPending = false; // a new action that waits for confirmation
    bool timedOut = false; // answer with the next durable state
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
    // The engine shows a state once its audit row is durable; the answer waits for that too.
    const bool pending = action.status == ActionStatus::Pending;
    if (!m_engine.hasUnrecordedChanges(action.id)) {
        const auto shown = m_engine.action(action.id);
        if (shown
            && (isFinal(shown->status) || (pending && shown->status == ActionStatus::Pending))) {
            sendAction(reply, *shown);
            return;
        }
    }
    const quint64 key = m_nextKey++;
    m_waiting.emplace(key, Waiting {std::move(reply), action.id, pending, false});
    QTimer::singleShot(m_maxWait, this, [this, key] { timeout(key); });
}

void ActionWaiter::onActionChanged(const MultiAction& action)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        const Waiting& waiting = it->second;
        const bool answer = waiting.actionId == action.id
            && (isFinal(action.status)
                || (waiting.answerWhenPending && action.status == ActionStatus::Pending)
                || (waiting.timedOut && !m_engine.hasUnrecordedChanges(action.id)));
        if (answer) {
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
    // Never answer with a state older than the request's own: wait for its row.
    if (m_engine.hasUnrecordedChanges(it->second.actionId)) {
        it->second.timedOut = true;
        return;
    }
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
