#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace qd {

// Resolves a cluster colour from the config ("green", "#2e7d32") to "#rrggbb". Core cannot use
// QColor (that is Qt Gui, and the server links no Gui), and the config must be validated the
// same way by the headless server and the desktop app, so the names live here.
std::optional<QString> resolveColor(QStringView nameOrHex);

} // namespace qd
