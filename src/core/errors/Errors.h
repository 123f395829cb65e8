#pragma once

#include "core/util/Severity.h"

#include <QMap>
#include <QString>

#include <stdexcept>

namespace qd {

// The API specification's structured errors. Each carries a kind that callers switch on (the
// API maps kinds to HTTP status codes in one place), never a message to compare: comparing
// wrapped errors by identity is how a 404 or a 403 ends up answered as a 500.
class QueueDeckError : public std::runtime_error {
public:
    QueueDeckError(Severity severity, const QString& message);
    Severity severity() const { return m_severity; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    Severity m_severity;
};

// Something about one cluster: it does not exist, already exists, is disabled, or its
// configuration is invalid. field names the config field at fault, when there is one.
class ClusterError final : public QueueDeckError {
public:
    enum class Kind { Unknown, Duplicate, Disabled, InvalidConfig, NoData, SaveFailed };
    ClusterError(Kind kind, QString cluster, const QString& message, QString field = {});
    Kind kind() const { return m_kind; }
    const QString& cluster() const { return m_cluster; }
    const QString& field() const { return m_field; }

private:
    Kind m_kind;
    QString m_cluster;
    QString m_field;
};

// Several clusters failed at once; one message per cluster.
class MultiClusterError final : public QueueDeckError {
public:
    explicit MultiClusterError(QMap<QString, QString> errors);
    const QMap<QString, QString>& errors() const { return m_errors; }

private:
    QMap<QString, QString> m_errors;
};

// An action refused or failed: unknown or disallowed type, bad target or parameters, an
// illegal state change, an action that does not exist.
class ActionError final : public QueueDeckError {
public:
    enum class Kind {
        UnknownType,
        NotAllowed, // not in actions.allowed_actions, or the API is read-only
        UnknownTarget,
        DisabledTarget,
        ReadOnlyTarget,
        UnsupportedForSystem, // the target's queue system cannot do it (the catalog says why)
        InvalidParameter,
        NotFound,
        IllegalTransition,
        ExecutionFailed,
    };
    ActionError(Kind kind, const QString& message, QString field = {});
    Kind kind() const { return m_kind; }
    const QString& field() const { return m_field; }

private:
    Kind m_kind;
    QString m_field;
};

} // namespace qd
