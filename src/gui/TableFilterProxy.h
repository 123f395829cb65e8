#pragma once

#include <QSortFilterProxyModel>

#include <functional>

namespace qd::gui {

// Sorting and filtering for QueueDeck's tables: sorts by SortRole (numbers as numbers), keeps
// rows whose text in any column contains the filter (case-insensitive), and an optional
// predicate on top ("orphaned only").
class TableFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableFilterProxy)

public:
    using Predicate = std::function<bool(const QAbstractItemModel& model, int sourceRow)>;

    explicit TableFilterProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    void setPredicate(Predicate predicate);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    Predicate m_predicate;
};

} // namespace qd::gui
