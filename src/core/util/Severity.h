#pragma once

#include <QString>

#include <optional>

namespace qd {

// The API specification's severities (docs/api.md), shared by errors, health issues and
// anomalies.
// Ordered: a larger value is worse, so the worst of several is std::max.
enum class Severity { Info = 0, Warning = 1, Error = 2, Critical = 3 };

QString severityName(Severity severity); // "info", "warning", "error", "critical"
std::optional<Severity> severityFromName(const QString& name);

} // namespace qd
