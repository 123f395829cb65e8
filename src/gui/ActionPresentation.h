#pragma once

#include "core/config/Config.h"
#include "core/stats/ClusterStats.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qd::gui {

// How the window shows each action type. What a type is called, does and takes, and the
// sentence for one cluster come from the action catalog in core (translated); only the menu's
// wording, the button verbs and the icons are the window's own.
class ActionPresentation final {
    Q_DECLARE_TR_FUNCTIONS(ActionPresentation)

public:
    // The types offered in the Actions menu, in menu order (peek lives in the Dead letters tab).
    static QList<ActionType> menuTypes();
    static QString title(const QString& type); // "Purge dead letters"
    static QString menuText(const QString& type); // with mnemonic and ellipsis
    static QString toolbarText(const QString& type); // short: "Purge"
    static QString verb(const QString& type); // the confirm button: "Purge"
    static QString iconName(const QString& type);
    static QString description(const QString& type); // one line for tooltips
    static bool hasParameters(const QString& type);
    // What will happen on one cluster, as the engine's confirmation says it.
    static QString effectOn(const QString& type, const QJsonObject& parameters,
        const std::optional<ClusterStats>& stats);
    // "each job's original queue" as a picker shows it: "Each job's original queue".
    static QString capitalized(QString text);
};

} // namespace qd::gui
