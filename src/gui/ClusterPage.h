#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;

namespace qd {
class Manager;
struct ClusterStats;
} // namespace qd

namespace qd::gui {

class ActionController;
class DeadLetterPanel;
class GuiSettings;
class QueueTableModel;
class StatsSummary;
class TableFilterProxy;
class ThroughputChart;
class WorkerTableModel;

// Everything about one cluster: its health and figures, and the Jobs, Workers and Dead letters
// tabs. Reads only the engine's cached state, so showing it never waits on Redis.
class ClusterPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPage)

public:
    enum Tab { JobsTab, WorkersTab, DeadLettersTab, RetriesTab };

    ClusterPage(QString cluster, Manager& manager, ActionController& actions, GuiSettings& settings,
        QWidget* parent = nullptr);

    // Not height-for-width, although a word-wrapped label inside is: the page always fills
    // the stack it lives in. Otherwise the stack asks every page it holds for its height at the
    // current width on each layout pass, and each asks its wrapped labels to lay out their text
    // again; with dozens of pages that would be most of a view switch's cost (bench/gui).
    bool hasHeightForWidth() const override { return false; }

    const QString& cluster() const { return m_cluster; }
    // Reads the cached stats and trends again (after a poll of this cluster).
    void refreshStats();
    // Reads the cached health again (after any poll attempt, failed ones included).
    void refreshHealth();

    QTabWidget* tabs() const { return m_tabs; }
    StatsSummary* summary() const { return m_summary; }
    ThroughputChart* throughput() const { return m_throughput; }
    QTableView* queueView() const { return m_queueView; }
    QTableView* workerView() const { return m_workerView; }
    QueueTableModel* queueModel() const { return m_queues; }
    WorkerTableModel* workerModel() const { return m_workers; }
    DeadLetterPanel* deadLetters() const { return m_deadLetters; }
    // The Retries tab, once a poll showed the cluster's system keeps a retry set; else null.
    DeadLetterPanel* retries() const { return m_retries; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildJobsTab();
    QWidget* buildWorkersTab();
    void refreshQueues(const ClusterStats& stats);
    void refreshWorkers(const ClusterStats& stats);

    QString m_cluster;
    Manager& m_manager;
    ActionController& m_actions;
    GuiSettings& m_settings;
    StatsSummary* m_summary = nullptr;
    ThroughputChart* m_throughput = nullptr;
    QTabWidget* m_tabs = nullptr;
    QueueTableModel* m_queues = nullptr;
    TableFilterProxy* m_queueProxy = nullptr;
    QTableView* m_queueView = nullptr;
    WorkerTableModel* m_workers = nullptr;
    TableFilterProxy* m_workerProxy = nullptr;
    QTableView* m_workerView = nullptr;
    QCheckBox* m_orphanedOnly = nullptr;
    QLabel* m_workerNote = nullptr;
    DeadLetterPanel* m_deadLetters = nullptr;
    DeadLetterPanel* m_retries = nullptr;
    // A hidden page skips the updates of each poll and catches up when it is shown again:
    // fifty pages relaying out labels nobody sees would cost the event loop for nothing.
    bool m_statsDirty = false;
    bool m_healthDirty = false;
};

} // namespace qd::gui
