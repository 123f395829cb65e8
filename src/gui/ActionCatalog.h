#pragma once

#include "core/config/ClusterConfig.h"
#include "core/stats/ClusterStats.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd::gui {

// What the window says about each action type: its name, icon, button verb, and the sentence
// that tells an operator what will happen on one cluster, with the figures known from the last
// poll. The engine decides what is allowed; this only speaks about it.
class ActionCatalog final {
    Q_DECLARE_TR_FUNCTIONS(ActionCatalog)

public:
    // The types offered in the Actions menu, in menu order (peek lives in the Dead letters tab).
    static QStringList menuTypes();
    static QString title(const QString& type); // "Purge dead letters"
    static QString menuText(const QString& type); // with mnemonic and ellipsis
    static QString verb(const QString& type); // the confirm button: "Purge"
    static QString iconName(const QString& type);
    static QString description(const QString& type); // one line for tooltips
    static bool hasParameters(const QString& type);
    static QString effectOn(const QString& type, const QJsonObject& parameters,
        const ClusterConfig& cluster, const std::optional<ClusterStats>& stats);
};

} // namespace qd::gui
