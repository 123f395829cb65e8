#pragma once

namespace qd::api {

class Router;
class SseHub;

// GET /api/v1/events: the server-sent event stream, optionally filtered by ?cluster= and
// ?type= (comma-separated lists), resuming after Last-Event-ID (header, or ?last_event_id=
// for clients that cannot set headers; "0" replays everything still buffered).
class EventsController final {
public:
    explicit EventsController(SseHub& hub) : m_hub(hub) { }
    void registerRoutes(Router& router);

private:
    SseHub& m_hub;
};

} // namespace qd::api
