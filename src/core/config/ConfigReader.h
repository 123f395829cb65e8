#pragma once

#include "core/config/Config.h"

#include <QByteArray>

namespace qd {

struct ConfigReadResult {
    Config config; // what could be read; meaningful only when ok()
    QList<ConfigIssue> issues; // type errors, semantic errors and warnings, in file order
    bool ok() const { return !hasErrors(issues); }
};

// Turns the JSON text of a config file into a Config: every field type-checked, defaults
// applied where the file is silent, then validated as a whole (Config::validate).
class ConfigReader final {
public:
    static ConfigReadResult read(const QByteArray& json);
    static ConfigReadResult fromObject(const QJsonObject& root);
    // Reads one cluster object (used by the API and the GUI's editor too). path prefixes issues.
    static ClusterConfig readCluster(
        const QJsonObject& object, const QString& path, QList<ConfigIssue>& issues);
};

} // namespace qd
