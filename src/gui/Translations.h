#pragma once

class QCoreApplication;
class QLocale;

namespace qd::gui {

// Loads the embedded translations (translations/queuedeck_<lang>.ts, compiled into the binary)
// for a locale, with Qt's own for its standard dialogs. English is always loaded first: it
// holds the English plural forms ("1 cluster", "2 clusters") the other languages fall back to.
class Translations final {
public:
    static void install(QCoreApplication& app, const QLocale& locale);
};

} // namespace qd::gui
