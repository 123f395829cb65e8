#pragma once

#include "core/redis/ConnectionError.h"
#include "core/redis/NodeInfo.h"
#include "core/redis/Reply.h"

#include <QList>

#include <optional>

namespace qd::redis {

// What one master answered to a fan-out: its replies in order, or why it could not answer.
struct NodeResult {
    NodeInfo node;
    QList<Reply> replies;
    std::optional<ConnectionError> error;

    bool ok() const { return !error.has_value(); }
};

} // namespace qd::redis
