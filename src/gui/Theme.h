#pragma once

#include "gui/GuiSettings.h"

#include <QPalette>

namespace qd::gui {

// Light and dark palettes. "System" keeps the palette the platform gave the application at
// start (which already follows the desktop's light/dark choice); Light and Dark override it.
class Theme final {
public:
    // Remembers the platform palette; call once, before the first apply().
    static void captureSystemPalette();
    static void apply(GuiSettings::Theme theme);
    // Whether the current palette is dark (text lighter than the window).
    static bool isDark();
    // A background tint for highlighted cells that reads well on the current palette.
    static QColor highlightBackground();
    static QColor mutedText();

private:
    static QPalette darkPalette();
    static QPalette lightPalette();
};

} // namespace qd::gui
