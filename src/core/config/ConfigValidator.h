#pragma once

#include "core/config/Config.h"

namespace qd {

// The semantic rules of a configuration (types are checked while reading). Every rule appends
// to the same list, so a user sees all problems of a file at once.
class ConfigValidator final {
public:
    static QList<ConfigIssue> validate(const Config& config);
    // The rules for one cluster, also used when a cluster is added or edited at runtime.
    static QList<ConfigIssue> validateCluster(const ClusterConfig& cluster, const QString& path);
    // Cluster names appear in URLs, metric labels and file names: keep them to a safe alphabet.
    static bool isValidClusterName(const QString& name);
};

} // namespace qd
