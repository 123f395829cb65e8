#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace qd::gui {

// The application's SVG icons (resources/icons). Action icons are monochrome line drawings
// tinted with the palette's text colour when they are loaded, so the same files serve the light
// and the dark palette; clearCache() after a palette change makes them follow it.
class Icons final {
public:
    static QIcon icon(const QString& name);
    static QIcon appIcon();
    // The tray icon: the application's mark on a tile of the given (health) colour.
    static QIcon trayIcon(const QColor& tile);
    static void clearCache();
    // Makes sure the embedded resources are registered (they live in a static library).
    static void ensureResources();
};

} // namespace qd::gui
