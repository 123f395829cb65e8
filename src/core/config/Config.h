#pragma once

#include "core/config/ClusterConfig.h"
#include "core/config/ConfigIssue.h"
#include "core/telemetry/TracingConfig.h"

#include <QJsonObject>
#include <QMap>

#include <optional>

namespace qd {

struct PollingConfig {
    Millis interval {5000};
    Millis jitter {1000};
    Millis timeout {3000};
    bool enabled = true;
    friend bool operator==(const PollingConfig&, const PollingConfig&) = default;
};

struct CompareModeConfig {
    // The API specification compares 2 to 4 clusters side by side.
    static constexpr qsizetype kMinClusters = 2;
    static constexpr qsizetype kMaxClusters = 4;

    bool enabled = false;
    bool highlightDeltas = true;
    double deltaThreshold = 10.0; // percent
    QStringList clusters; // the clusters shown side by side; empty: the first enabled ones
    friend bool operator==(const CompareModeConfig&, const CompareModeConfig&) = default;
};

// The action types QueueDeck knows, by the names the allowlist, the timeouts and the API use.
// Only the names live here, because loading a config checks them; everything else about a
// type is in the action catalog (core/actions/ActionCatalog.h).
enum class ActionType {
    PurgeDeadLetters,
    PauseQueue,
    ResumeQueue,
    Benchmark,
    RequeueDeadLetters,
    Peek,
    ClearQueue,
    QuietProcess,
    StopProcess
};
QString actionTypeName(ActionType type);
std::optional<ActionType> actionTypeFromName(QStringView name);
QStringList knownActionTypes(); // every name, in the order above

struct ActionsConfig {
    bool requireConfirmation = true;
    QStringList allowedActions {actionTypeName(ActionType::PurgeDeadLetters),
        actionTypeName(ActionType::PauseQueue), actionTypeName(ActionType::ResumeQueue),
        actionTypeName(ActionType::Benchmark)};
    int maxConcurrent = 5;
    QMap<QString, Millis> timeouts; // per action type; absent: defaultTimeout
    Millis defaultTimeout {60000};
    Millis timeoutFor(const QString& type) const { return timeouts.value(type, defaultTimeout); }
    friend bool operator==(const ActionsConfig&, const ActionsConfig&) = default;
};

struct CacheConfig {
    Millis ttl {2000};
    friend bool operator==(const CacheConfig&, const CacheConfig&) = default;
};

struct HealthConfig {
    Millis latencyWarning {200};
    Millis latencyCritical {1000};
    qint64 deadLetterWarning = 100;
    qint64 deadLetterCritical = 10000;
    int deadLetterGrowthPolls = 3; // dead letters growing this many polls in a row: warning
    int backlogGrowthPolls = 10; // queued work growing this many polls in a row: warning
    double memoryWarningRatio = 0.80; // used_memory / maxmemory
    double memoryCriticalRatio = 0.95;
    friend bool operator==(const HealthConfig&, const HealthConfig&) = default;
};

struct ApiConfig {
    QString listen = QStringLiteral("127.0.0.1:7420");
    QString token; // never logged or returned
    QString tokenFile; // must not be readable by group or others
    bool readOnly = false;
    qint64 maxBodyBytes = 1 << 20;
    // Tokens that may read but never change anything (dashboards, scrapers); never logged.
    QStringList readTokens;
    friend bool operator==(const ApiConfig&, const ApiConfig&) = default;
};

struct AuditConfig {
    QString path; // empty: <app data>/audit.sqlite
    friend bool operator==(const AuditConfig&, const AuditConfig&) = default;
};

// The whole configuration file: the API specification's format plus QueueDeck's extensions.
struct Config {
    QList<ClusterConfig> clusters;
    QString defaultCluster;
    PollingConfig polling;
    CompareModeConfig compareMode;
    ActionsConfig actions;
    CacheConfig cache;
    HealthConfig health;
    ApiConfig api;
    AuditConfig audit;
    TracingConfig tracing;

    // The document as loaded, so that save keeps what this version does not understand.
    QJsonObject original;

    const ClusterConfig* cluster(const QString& name) const;
    ClusterConfig* cluster(const QString& name);
    qsizetype indexOf(const QString& name) const;

    // Validates the whole configuration; every problem at once, each with its JSON path.
    QList<ConfigIssue> validate() const;

    friend bool operator==(const Config&, const Config&) = default;
};

} // namespace qd
