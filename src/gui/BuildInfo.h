#pragma once

#include <QCoreApplication>
#include <QString>

namespace qd::gui {

// What the About box and bug reports need to know about this binary.
class BuildInfo final {
    Q_DECLARE_TR_FUNCTIONS(BuildInfo)

public:
    static QString version(); // the project version
    static QString compiler();
    static QString buildType(); // "release" or "debug (assertions on)"
    static QString qtVersions(); // built against / running with
    static QString platform();
    // Everything above, one "name: value" per line (copied into bug reports).
    static QString summary();
};

} // namespace qd::gui
