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

// Evidence over time for one health rule, in the manner of an alert rule's "for": its condition
// must hold in every poll for `forDuration` before the rule is reported, and once reported it
// clears only after the condition has been gone for `recover`.
struct HealthRuleTiming {
    Millis forDuration {0};
    Millis recover {0};
    friend bool operator==(const HealthRuleTiming&, const HealthRuleTiming&) = default;
};

struct HealthConfig {
    // The rules that have timings, by their ids (health.rules.<id> in the file).
    static QStringList timedRules();

    // Defaults: docs/health-and-anomalies.md gives the reasoning for each.
    HealthRuleTiming unreachable {Millis(0), Millis(0)};
    HealthRuleTiming latency {Millis(5000), Millis(2000)};
    HealthRuleTiming noLiveWorkers {Millis(2000), Millis(0)};
    HealthRuleTiming deadLetters {Millis(0), Millis(0)};
    HealthRuleTiming deadLettersGrowing {Millis(0), Millis(0)};
    HealthRuleTiming orphanedProcessing {Millis(200), Millis(0)};
    HealthRuleTiming memory {Millis(5000), Millis(2000)};
    HealthRuleTiming backlogGrowing {Millis(0), Millis(0)};
    // How long a worker seen alive counts as present after its heartbeat is gone; 0: the
    // cluster's queue_system.heartbeat_ttl.
    Millis workerWindow {0};
    // A cluster whose status changed more than flapChanges times within flapWindow is announced
    // once as flapping, and then not again until it has been steady for flapWindow.
    int flapChanges = 4;
    Millis flapWindow {600000};

    HealthRuleTiming* timing(QStringView rule);
    const HealthRuleTiming* timing(QStringView rule) const;

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

// One figure a health rule compares against, set as health.rules.<rule>.<key> next to the
// rule's "for" and "recover"; health.<flatKey>, the form from before rules had settings of
// their own, is still read. Exactly one of the member pointers is set, by kind.
struct HealthThreshold {
    enum class Kind { Duration, Count, Polls, Ratio };
    QString rule; // a HealthConfig::timedRules() id
    QString key;
    QString flatKey;
    Kind kind = Kind::Count;
    Millis HealthConfig::*duration = nullptr;
    qint64 HealthConfig::*count = nullptr;
    int HealthConfig::*polls = nullptr;
    double HealthConfig::*ratio = nullptr;

    QString path() const { return QStringLiteral("health.rules.") + rule + u'.' + key; }
    QString flatPath() const { return QStringLiteral("health.") + flatKey; }
    // The value as a person types it ("200ms", "100", "0.8"); "" for a zero worker window.
    QString text(const HealthConfig& health) const;
    // Sets the value from such text; the reason it cannot be read otherwise.
    std::optional<QString> setText(HealthConfig& health, QStringView text) const;
    // The value in JSON, as the config file keeps it.
    QJsonValue json(const HealthConfig& health) const;
};

// Every threshold of every rule, in the order of the rules.
const QList<HealthThreshold>& healthThresholds();

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
