#include "core/config/Config.h"

#include "core/config/ConfigValidator.h"

namespace qd {

bool hasErrors(const QList<ConfigIssue>& issues)
{
    return std::any_of(
        issues.begin(), issues.end(), [](const ConfigIssue& i) { return i.isError(); });
}

QStringList knownActionTypes()
{
    return {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
        QStringLiteral("resume_queue"), QStringLiteral("benchmark"), QStringLiteral("requeue_dlq"),
        QStringLiteral("peek")};
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
