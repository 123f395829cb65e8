#include "core/errors/Errors.h"

#include <QStringList>

namespace qd {
namespace {

Severity clusterSeverity(ClusterError::Kind kind)
{
    return kind == ClusterError::Kind::Disabled || kind == ClusterError::Kind::NoData
        ? Severity::Warning
        : Severity::Error;
}

QString joinErrors(const QMap<QString, QString>& errors)
{
    QStringList parts;
    for (auto it = errors.begin(); it != errors.end(); ++it)
        parts.append(it.key() + QStringLiteral(": ") + it.value());
    return QStringLiteral("%1 cluster(s) failed: ").arg(errors.size())
        + parts.join(QStringLiteral("; "));
}

} // namespace

QueueDeckError::QueueDeckError(Severity severity, const QString& message)
    : std::runtime_error(message.toStdString()), m_severity(severity)
{
}

ClusterError::ClusterError(Kind kind, QString cluster, const QString& message, QString field)
    : QueueDeckError(clusterSeverity(kind), message)
    , m_kind(kind)
    , m_cluster(std::move(cluster))
    , m_field(std::move(field))
{
}

MultiClusterError::MultiClusterError(QMap<QString, QString> errors)
    : QueueDeckError(Severity::Error, joinErrors(errors)), m_errors(std::move(errors))
{
}

ActionError::ActionError(Kind kind, const QString& message, QString field)
    : QueueDeckError(Severity::Error, message), m_kind(kind), m_field(std::move(field))
{
}

} // namespace qd
