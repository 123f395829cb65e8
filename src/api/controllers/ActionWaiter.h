#pragma once

#include "api/http/ApiReply.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <map>

namespace qd {
class ActionEngine;
struct MultiAction;
} // namespace qd

namespace qd::api {

// Holds the replies of requests that started an action (POST /actions without confirmation,
// POST /actions/{id}/confirm) until the action ends, so a script gets the results in one
// round trip: 200 with the finished action, or, when it runs longer than the bounded wait,
// 202 with its state so far and a Location to poll.
class ActionWaiter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionWaiter)

public:
    ActionWaiter(
        ActionEngine& engine, std::chrono::milliseconds maxWait, QObject* parent = nullptr);
    ~ActionWaiter() override;

    void answerWhenDone(ApiReply&& reply, const MultiAction& action);
    // Answers everyone now with the current state (shutdown).
    void flush();

private:
    struct Waiting;

    void onActionChanged(const MultiAction& action);
    void timeout(quint64 key);
    void answerNow(Waiting& waiting);

    ActionEngine& m_engine;
    std::chrono::milliseconds m_maxWait;
    std::map<quint64, Waiting> m_waiting;
    quint64 m_nextKey = 1;
};

// The answer for an action in any state: 200 when final, else 202 with a Location.
void sendAction(ApiReply& reply, const MultiAction& action, int finalStatus = 200);

} // namespace qd::api
