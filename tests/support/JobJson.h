#pragma once

// Jobs to push by hand, written the way the go-redis-work-queue's producers write them
// (docs/queue-systems/go-redis-work-queue.md, "Jobs"), independently of the product's own code.

#include <QString>

namespace qd::test {

// One job: every upstream field in the upstream's order, filepath and size made up from the
// id, created now, with valid W3C trace-context ids.
QString jobJson(
    const QString& id, const QString& priority = QStringLiteral("high"), int retries = 0);

} // namespace qd::test
