#pragma once

#include <QList>
#include <QString>

namespace qd {

// One problem found in a configuration, named by its JSON path ("clusters[1].endpoint").
struct ConfigIssue {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    QString path;
    QString message;

    QString toString() const { return path.isEmpty() ? message : path + u": " + message; }
    bool isError() const { return severity == Severity::Error; }
    friend bool operator==(const ConfigIssue&, const ConfigIssue&) = default;
};

bool hasErrors(const QList<ConfigIssue>& issues);

} // namespace qd
