#pragma once

#include "core/health/HealthIssue.h"
#include "core/health/HealthStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace qd {

// The GET /api/v1/health answer for one cluster, plus QueueDeck's "status",
// "reachable" and "stats_at". Field comments give the JSON keys.
struct HealthReport {
    // "metrics": the figures of the newest successful poll; all zero when there is none.
    struct Metrics {
        double latencyMs = 0; // "latency_ms"
        std::optional<int> workerCount {0}; // "worker_count": live workers; null: unknown
        std::optional<qint64> deadLetterCount {0}; // "dead_letter_count"; null: unknown
        friend bool operator==(const Metrics&, const Metrics&) = default;
    };

    QString cluster; // "cluster" (used when the API answers for all clusters)
    // "healthy": reachable and no issue at Error or Critical. A Warning leaves a cluster
    // healthy but "degraded": it still does its work, someone should look soon.
    bool healthy = false;
    HealthStatus status = HealthStatus::Unknown; // "status": healthStatusName()
    bool reachable = false; // "reachable": the most recent poll attempt succeeded
    QList<HealthIssue> issues; // "issues": worst first
    Metrics metrics; // "metrics"
    // "last_checked": when the most recent poll attempt ended, failed or not; null (invalid)
    // when the cluster was never polled.
    QDateTime lastChecked;
    // "stats_at": when the poll behind "metrics" ran; older than last_checked while the
    // cluster is unreachable (the metrics are then the last ones known), null without one.
    QDateTime statsAt;

    // The worst issue's severity; Info when there are no issues.
    Severity worstSeverity() const;
    bool hasIssue(QStringView rule) const;
    const HealthIssue* issue(QStringView rule) const;
    // One line for a tray tooltip or an event message: "healthy", or the worst issue's message
    // (with "+N more" when there are more). Translated: the same from the local messages, for
    // the desktop.
    QString summary(HealthWords::Language language = HealthWords::Language::English) const;
};

} // namespace qd
