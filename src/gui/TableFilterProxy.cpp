#include "gui/TableFilterProxy.h"

#include "gui/KeyedTableModel.h"

namespace qd::gui {

TableFilterProxy::TableFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void TableFilterProxy::setFilterText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void TableFilterProxy::setPredicate(Predicate predicate)
{
    m_predicate = std::move(predicate);
    invalidateRowsFilter();
}

bool TableFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (m_predicate && !m_predicate(*model, sourceRow))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        const QString text = model->index(sourceRow, column, sourceParent).data().toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace qd::gui
