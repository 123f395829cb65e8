#pragma once

#include "core/health/HealthStatus.h"
#include "core/util/Severity.h"
#include "gui/KeyedTableModel.h"

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QSortFilterProxyModel>
#include <QString>

#include <optional>

namespace qd::gui {

// One cluster as the overview shows it: a dense row of what an operator scans a fleet for.
struct OverviewRow {
    QString cluster;
    QString label;
    QColor color;
    QString group; // empty: ungrouped
    int groupOrder = 0; // where the group first appears in the configuration; ungrouped last
    int configOrder = 0; // the cluster's position among the enabled clusters
    HealthStatus status = HealthStatus::Unknown;
    Severity worstSeverity = Severity::Info;
    QString worstIssue; // the worst issue's message ("" when there is none)
    int issueCount = 0;
    bool hasStats = false; // polled successfully at least once
    qint64 backlog = 0;
    double jobRate = 0;
    double errorRate = 0;
    bool ratesKnown = false;
    QList<double> jobTrend; // recent job rates, oldest first, peaks of their buckets
    QList<double> errorTrend;
    std::optional<qint64> deadLetters {0}; // nullopt: the system cannot count them
    std::optional<int> workers {0}; // nullopt: the system cannot tell
    QDateTime lastPoll; // the last poll attempt, failed or not (UTC)
    bool selected = false; // for the next action
    friend bool operator==(const OverviewRow&, const OverviewRow&) = default;

    // 0 for the worst (unhealthy), 3 for healthy: what "worst first" sorts by.
    int healthRank() const;
};

// Every enabled cluster, one row each. Rows change one at a time (replaceRow) as polls come
// in; the poll age column is refreshed as a whole once a second (setNow).
class OverviewModel final : public KeyedTableModel<OverviewRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewModel)

public:
    enum Column {
        Selected,
        Cluster,
        Group,
        Health,
        Backlog,
        JobRate,
        JobTrend,
        ErrorRate,
        ErrorTrend,
        DeadLetters,
        Workers,
        LastPoll,
        ColumnCount
    };

    explicit OverviewModel(QObject* parent = nullptr);

    void setNow(const QDateTime& now);
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    static QString groupTitle(const QString& group);

Q_SIGNALS:
    // The check box of a row was clicked (or Space pressed on it): the tab bar owns the
    // selection, the row follows it.
    void selectionToggled(const QString& cluster);

protected:
    QString keyOf(const OverviewRow& row) const override { return row.cluster; }

private:
    QVariant display(const OverviewRow& row, int column) const;
    QVariant sortValue(const OverviewRow& row, int column) const;
    QVariant toolTip(const OverviewRow& row, int column) const;

    QDateTime m_now;
};

// Keeps the rows of a group together, groups in configuration order whatever the sort, and
// sorts within a group by the chosen column (health: worst first). Filters by text like the
// other tables.
class OverviewProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewProxy)

public:
    explicit OverviewProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    // The source row behind a proxy row.
    QString clusterAt(int proxyRow) const;
    // The group's name only on the first row of each group, so the groups read as blocks.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

} // namespace qd::gui
