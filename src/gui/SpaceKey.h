#pragma once

class QWidget;

namespace qd::gui {

// Space selects clusters, but it also presses the focused button, opens the focused combo box
// and ticks the focused check box in a list. The window only takes Space when the focus has no
// use for it.
class SpaceKey final {
public:
    // Does what Space means to the focused widget of window; false when it means nothing there.
    static bool sendToFocus(QWidget* window);
};

} // namespace qd::gui
