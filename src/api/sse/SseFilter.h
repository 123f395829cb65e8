#pragma once

#include <QSet>
#include <QString>

namespace qd {
struct Event;
}

namespace qd::api {

// Which events an event-stream subscriber wants; an empty set means all.
struct SseFilter {
    QSet<QString> clusters;
    QSet<QString> types;
    bool accepts(const Event& event) const;
};

} // namespace qd::api
