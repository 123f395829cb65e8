#include "core/config/Config.h"

#include "core/config/ConfigValidator.h"

#include <array>
#include <utility>

namespace qd {

bool hasErrors(const QList<ConfigIssue>& issues)
{
    return std::any_of(
        issues.begin(), issues.end(), [](const ConfigIssue& i) { return i.isError(); });
}

namespace {

constexpr std::array kActionTypeNames {
    std::pair {ActionType::PurgeDeadLetters, "purge_dlq"},
    std::pair {ActionType::PauseQueue, "pause_queue"},
    std::pair {ActionType::ResumeQueue, "resume_queue"},
    std::pair {ActionType::Benchmark, "benchmark"},
    std::pair {ActionType::RequeueDeadLetters, "requeue_dlq"},
    std::pair {ActionType::Peek, "peek"},
    std::pair {ActionType::ClearQueue, "clear_queue"},
    std::pair {ActionType::QuietProcess, "quiet_process"},
    std::pair {ActionType::StopProcess, "stop_process"},
};

} // namespace

QString actionTypeName(ActionType type)
{
    for (const auto& [t, name] : kActionTypeNames) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ActionType> actionTypeFromName(QStringView name)
{
    for (const auto& [t, n] : kActionTypeNames) {
        if (name == QLatin1StringView(n))
            return t;
    }
    return std::nullopt;
}

QStringList knownActionTypes()
{
    QStringList names;
    for (const auto& [type, name] : kActionTypeNames)
        names.append(QString::fromLatin1(name));
    return names;
}

qsizetype Config::indexOf(const QString& name) const
{
    for (qsizetype i = 0; i < clusters.size(); ++i) {
        if (clusters[i].name == name)
            return i;
    }
    return -1;
}

const ClusterConfig* Config::cluster(const QString& name) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? nullptr : &clusters[i];
}

ClusterConfig* Config::cluster(const QString& name)
{
    const qsizetype i = indexOf(name);
    return i < 0 ? nullptr : &clusters[i];
}

QList<ConfigIssue> Config::validate() const
{
    return ConfigValidator::validate(*this);
}

const QList<HealthThreshold>& healthThresholds()
{
    using Kind = HealthThreshold::Kind;
    const auto duration
        = [](const char* rule, const char* key, const char* flat, Millis HealthConfig::*field) {
              return HealthThreshold {QLatin1StringView(rule), QLatin1StringView(key),
                  QLatin1StringView(flat), Kind::Duration, field, nullptr, nullptr, nullptr};
          };
    const auto count
        = [](const char* rule, const char* key, const char* flat, qint64 HealthConfig::*field) {
              return HealthThreshold {QLatin1StringView(rule), QLatin1StringView(key),
                  QLatin1StringView(flat), Kind::Count, nullptr, field, nullptr, nullptr};
          };
    const auto polls = [](const char* rule, const char* flat, int HealthConfig::*field) {
        return HealthThreshold {QLatin1StringView(rule), QStringLiteral("polls"),
            QLatin1StringView(flat), Kind::Polls, nullptr, nullptr, field, nullptr};
    };
    const auto ratio
        = [](const char* rule, const char* key, const char* flat, double HealthConfig::*field) {
              return HealthThreshold {QLatin1StringView(rule), QLatin1StringView(key),
                  QLatin1StringView(flat), Kind::Ratio, nullptr, nullptr, nullptr, field};
          };
    static const QList<HealthThreshold> thresholds {
        duration("latency", "warning", "latency_warning", &HealthConfig::latencyWarning),
        duration("latency", "critical", "latency_critical", &HealthConfig::latencyCritical),
        count("dead_letters", "warning", "dead_letter_warning", &HealthConfig::deadLetterWarning),
        count(
            "dead_letters", "critical", "dead_letter_critical", &HealthConfig::deadLetterCritical),
        polls("dead_letters_growing", "dead_letter_growth_polls",
            &HealthConfig::deadLetterGrowthPolls),
        ratio("memory", "warning", "memory_warning_ratio", &HealthConfig::memoryWarningRatio),
        ratio("memory", "critical", "memory_critical_ratio", &HealthConfig::memoryCriticalRatio),
        polls("backlog_growing", "backlog_growth_polls", &HealthConfig::backlogGrowthPolls),
    };
    return thresholds;
}

QString HealthThreshold::text(const HealthConfig& health) const
{
    switch (kind) {
    case Kind::Duration:
        return duration::format(health.*(this->duration));
    case Kind::Count:
        return QString::number(health.*count);
    case Kind::Polls:
        return QString::number(health.*polls);
    case Kind::Ratio:
        return QString::number(health.*ratio);
    }
    return {};
}

std::optional<QString> HealthThreshold::setText(HealthConfig& health, QStringView text) const
{
    const QStringView trimmed = text.trimmed();
    bool ok = false;
    switch (kind) {
    case Kind::Duration: {
        QString error;
        const std::optional<Millis> value = duration::parse(trimmed, &error);
        if (!value)
            return error;
        health.*(this->duration) = *value;
        return std::nullopt;
    }
    case Kind::Count: {
        const qint64 value = trimmed.toLongLong(&ok);
        if (!ok || value < 0)
            return QStringLiteral("must be a whole number of jobs, 0 or more");
        health.*count = value;
        return std::nullopt;
    }
    case Kind::Polls: {
        const int value = trimmed.toInt(&ok);
        if (!ok || value < 1 || value > 1000)
            return QStringLiteral("must be a whole number of polls from 1 to 1000");
        health.*polls = value;
        return std::nullopt;
    }
    case Kind::Ratio: {
        const double value = trimmed.toDouble(&ok);
        if (!ok)
            return QStringLiteral("must be a fraction such as 0.8");
        health.*ratio = value;
        return std::nullopt;
    }
    }
    return std::nullopt;
}

QJsonValue HealthThreshold::json(const HealthConfig& health) const
{
    switch (kind) {
    case Kind::Duration:
        return duration::format(health.*(this->duration));
    case Kind::Count:
        return health.*count;
    case Kind::Polls:
        return health.*polls;
    case Kind::Ratio:
        return health.*ratio;
    }
    return {};
}

QStringList HealthConfig::timedRules()
{
    // The ids of the health rules (core/health/HealthIssue.h), which config may not include.
    return {QStringLiteral("unreachable"), QStringLiteral("latency"),
        QStringLiteral("no_live_workers"), QStringLiteral("dead_letters"),
        QStringLiteral("dead_letters_growing"), QStringLiteral("orphaned_processing"),
        QStringLiteral("memory"), QStringLiteral("backlog_growing")};
}

HealthRuleTiming* HealthConfig::timing(QStringView rule)
{
    return const_cast<HealthRuleTiming*>(std::as_const(*this).timing(rule));
}

const HealthRuleTiming* HealthConfig::timing(QStringView rule) const
{
    const std::pair<QStringView, const HealthRuleTiming*> rules[] = {
        {u"unreachable", &unreachable},
        {u"latency", &latency},
        {u"no_live_workers", &noLiveWorkers},
        {u"dead_letters", &deadLetters},
        {u"dead_letters_growing", &deadLettersGrowing},
        {u"orphaned_processing", &orphanedProcessing},
        {u"memory", &memory},
        {u"backlog_growing", &backlogGrowing},
    };
    for (const auto& [name, timing] : rules) {
        if (name == rule)
            return timing;
    }
    return nullptr;
}

} // namespace qd
