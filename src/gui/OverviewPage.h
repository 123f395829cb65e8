#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace qd {
class Manager;
}

namespace qd::gui {

class OverviewModel;
class OverviewProxy;
struct OverviewRow;

// Every enabled cluster on one page, one dense row each, grouped by the configuration's
// `group` and worst first within a group: health with the worst issue, backlog, job and error
// rate with sparklines, dead letters, live workers and the age of the last poll.
//
// Built for fleets: a poll updates its cluster's row in place (selection, current row and
// scroll stay), updates are gathered and applied a few times a second rather than once per
// poll, a bounded number of rows per turn of the event loop, and nothing is updated while the
// page is hidden (it catches up when shown).
class OverviewPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)

public:
    explicit OverviewPage(Manager& manager, QWidget* parent = nullptr);

    bool hasHeightForWidth() const override { return false; }

    QTableView* view() const { return m_view; }
    OverviewModel* model() const { return m_model; }
    OverviewProxy* proxy() const { return m_proxy; }
    QLineEdit* filter() const { return m_filter; }
    // The cluster of the current row ("" when none).
    QString currentCluster() const;
    void setCurrentCluster(const QString& cluster);
    // Clusters in the order the page shows them (groups, then worst first).
    QStringList shownOrder() const;
    // Follows the tab bar's selection (the check column).
    void setSelectedClusters(const QStringList& selected);
    // Applies gathered updates now, a bounded number of rows per call (the rest follow in the
    // next turns of the event loop); used when the page is shown, and by tests.
    void flush();

Q_SIGNALS:
    void openRequested(const QString& cluster);
    void selectionToggled(const QString& cluster);
    void quickSwitchRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();
    void markDirty(const QString& cluster);
    OverviewRow buildRow(const QString& cluster, int configOrder) const;
    void updateSummary();
    void onActivated(const QModelIndex& index);

    Manager& m_manager;
    QLabel* m_summary = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_view = nullptr;
    OverviewModel* m_model = nullptr;
    OverviewProxy* m_proxy = nullptr;
    QTimer* m_flushTimer = nullptr;
    QTimer* m_ageTimer = nullptr;
    QSet<QString> m_dirty;
    bool m_rebuild = true;
    QSet<QString> m_selected;
    QHash<QString, int> m_groupOrder; // group -> position; computed on rebuild
    QHash<QString, int> m_configOrder; // cluster -> position among the enabled ones
};

} // namespace qd::gui
