#include "gui/TableViewSetup.h"

#include <QHeaderView>
#include <QTableView>

namespace qd::gui {

void TableViewSetup::apply(QTableView* view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setSortingEnabled(true);
    // Rows start in the model's own order (queues in priority order, metrics as the engine
    // lists them); a click on a header sorts.
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setWordWrap(false);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace qd::gui
