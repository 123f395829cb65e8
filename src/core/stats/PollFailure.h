#pragma once

#include "core/util/Severity.h"

#include <QDateTime>
#include <QString>

namespace qd {

// The most recent poll attempt of a cluster failed. Plain data so health logic needs no
// Redis types: the engine fills it from the poll's ConnectionError (or its timeout).
struct PollFailure {
    QString message; // already names the cluster and endpoint, never a password
    // The error's own classification: Warning for refused/timeout/cluster down (wait for it),
    // Error for auth/TLS/wrong db (someone must fix the configuration).
    Severity severity = Severity::Warning;
    QDateTime at; // when the attempt failed (UTC)
    // The failure's class: "refused", "timeout", "auth", "tls", "wrong_db", "cluster_down"...
    // ("timeout" also for a poll the poller abandoned).
    QString kind;
};

} // namespace qd
