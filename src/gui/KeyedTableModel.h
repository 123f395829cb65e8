#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

namespace qd::gui {

// Roles every QueueDeck table answers besides the standard ones.
enum TableRole {
    SortRole = Qt::UserRole, // the raw value a column sorts by (numbers as numbers)
    TrendRole, // QList<double> for sparklines
    HighlightRole, // bool: the cell is marked (compare deltas, orphaned workers)
    KeyRole, // the row's key (cluster, queue, worker id…)
};

// A table whose rows have a stable key (a queue name, a worker id). replaceRows() turns a new
// poll into the smallest set of model changes: rows that stay are updated in place, rows that
// went are removed, new ones appended. Views keep their selection, current row and scroll
// position, which a model reset would throw away on every poll.
template <typename Row>
class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const QList<Row>& rows() const { return m_rows; }
    const Row& rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& key) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (keyOf(m_rows.at(i)) == key)
                return i;
        }
        return -1;
    }

    void replaceRows(const QList<Row>& next)
    {
        QHash<QString, qsizetype> wanted;
        for (qsizetype i = 0; i < next.size(); ++i)
            wanted.insert(keyOf(next.at(i)), i);
        removeRowsNotIn(wanted);

        QHash<QString, int> present;
        for (int i = 0; i < m_rows.size(); ++i)
            present.insert(keyOf(m_rows.at(i)), i);
        int firstChanged = -1;
        int lastChanged = -1;
        QList<Row> appended;
        for (const Row& row : next) {
            const auto it = present.constFind(keyOf(row));
            if (it == present.cend()) {
                appended.append(row);
                continue;
            }
            if (m_rows.at(*it) == row)
                continue;
            m_rows[*it] = row;
            firstChanged = firstChanged < 0 ? *it : std::min(firstChanged, *it);
            lastChanged = std::max(lastChanged, *it);
        }
        if (firstChanged >= 0)
            Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, columnCount() - 1));
        if (!appended.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + appended.size() - 1));
            m_rows.append(appended);
            endInsertRows();
        }
    }

    // One row by its key: updated in place when present (no signal when unchanged), appended
    // otherwise. For tables fed one key at a time (a poll of one cluster), where building every
    // row again to call replaceRows() would cost per update what the whole table costs.
    void replaceRow(const Row& row)
    {
        const int at = rowOf(keyOf(row));
        if (at < 0) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(row);
            endInsertRows();
            return;
        }
        if (m_rows.at(at) == row)
            return;
        m_rows[at] = row;
        Q_EMIT dataChanged(index(at, 0), index(at, columnCount() - 1));
    }

protected:
    virtual QString keyOf(const Row& row) const = 0;

private:
    void removeRowsNotIn(const QHash<QString, qsizetype>& wanted)
    {
        // From the end, in runs, so that indexes of rows still to visit do not move.
        int row = int(m_rows.size()) - 1;
        while (row >= 0) {
            if (wanted.contains(keyOf(m_rows.at(row)))) {
                --row;
                continue;
            }
            const int last = row;
            while (row > 0 && !wanted.contains(keyOf(m_rows.at(row - 1))))
                --row;
            beginRemoveRows({}, row, last);
            m_rows.remove(row, last - row + 1);
            endRemoveRows();
            --row;
        }
    }

    QList<Row> m_rows;
};

} // namespace qd::gui
