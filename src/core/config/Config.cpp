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

} // namespace qd
