#pragma once

#include "core/config/Config.h"

#include <QJsonObject>

namespace qd {

// Turns a Config back into the JSON of its file. Starts from the document as it was loaded so
// unknown fields survive, writes the specified fields always and QueueDeck's extensions only
// where the file had them or they differ from their defaults, so a file in the API
// specification's format stays one.
class ConfigWriter final {
public:
    static QJsonObject toJson(const Config& config);
    // One cluster as the file (and the API, without password) writes it.
    static QJsonObject clusterToJson(const ClusterConfig& cluster, bool includePassword = true);
};

} // namespace qd
