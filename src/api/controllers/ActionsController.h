#pragma once

#include <QObject>

#include <chrono>

namespace qd {
class ActionEngine;
}

namespace qd::api {

class ActionWaiter;
class Router;

// /api/v1/actions: the action catalog (types), submit (202 while waiting for confirmation;
// otherwise the result once the action ends, or 202 after a bounded wait), list, show, confirm
// and cancel. The engine enforces the allowlist, read-only clusters and legal transitions; this
// only reads and writes JSON.
class ActionsController final {
public:
    ActionsController(ActionEngine& engine, ActionWaiter& waiter)
        : m_engine(engine), m_waiter(waiter)
    {
    }
    void registerRoutes(Router& router);

private:
    void registerCommands(Router& router);

    ActionEngine& m_engine;
    ActionWaiter& m_waiter;
};

} // namespace qd::api
