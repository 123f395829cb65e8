#pragma once

class QTableView;

namespace qd::gui {

// One look for every table of the window: whole-row selection, sortable headers, alternating
// rows, compact rows, no row numbers, the last column taking the remaining width.
class TableViewSetup final {
public:
    static void apply(QTableView* view);
};

} // namespace qd::gui
