#include "gui/ClusterPage.h"

#include "core/engine/Manager.h"
#include "core/stats/TrendStore.h"
#include "gui/DeadLetterPanel.h"
#include "gui/QueueTableModel.h"
#include "gui/SparklineDelegate.h"
#include "gui/StatsSummary.h"
#include "gui/TableFilterProxy.h"
#include "gui/TableViewSetup.h"
#include "gui/ThroughputChart.h"
#include "gui/TrendPeaks.h"
#include "gui/WorkerTableModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

constexpr qint64 kSparklineWindowMs = 10 * 60 * 1000; // what a sparkline shows
// A sparkline cell is about 120 pixels wide: ten minutes at 1 s are 600 samples, which cost
// painting time on every repaint of the table and look the same (trendPeaks()).
constexpr qsizetype kSparklinePoints = 120;
constexpr qint64 kGrowthWindowMs = 60 * 1000; // what the growth rate is measured over

QLineEdit* filterEdit(const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

std::optional<double> growth(const QList<TrendSample>& samples, qint64 sinceMs)
{
    const auto first = std::find_if(samples.cbegin(), samples.cend(),
        [sinceMs](const TrendSample& s) { return s.atMs >= sinceMs; });
    if (first == samples.cend() || samples.size() < 2 || first->atMs == samples.last().atMs)
        return std::nullopt;
    return (samples.last().value - first->value) * 1000.0
        / double(samples.last().atMs - first->atMs);
}

} // namespace

ClusterPage::ClusterPage(QString cluster, Manager& manager, ActionController& actions,
    GuiSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_cluster(std::move(cluster))
    , m_manager(manager)
    , m_actions(actions)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    m_summary = new StatsSummary(this);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildJobsTab(), tr("&Jobs"));
    m_tabs->addTab(buildWorkersTab(), tr("&Workers"));
    m_deadLetters = new DeadLetterPanel(m_cluster, actions, settings, m_tabs);
    m_tabs->addTab(m_deadLetters, tr("&Dead letters"));
    // The chart above the tables, in a splitter: the first thing a queue operator looks for,
    // and one drag away when the tables need the room.
    m_throughput = new ThroughputChart(m_cluster, m_manager, this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"clusterPageSplitter"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(m_throughput);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);
    refreshHealth();
    refreshStats();
}

QWidget* ClusterPage::buildJobsTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* filter = filterEdit(tr("Filter queues"), tab);
    filter->setObjectName(u"queueFilter"_s);
    layout->addWidget(filter);
    m_queues = new QueueTableModel(this);
    m_queueProxy = new TableFilterProxy(this);
    m_queueProxy->setSourceModel(m_queues);
    m_queueView = new QTableView(tab);
    m_queueView->setObjectName(u"queueView"_s);
    m_queueView->setModel(m_queueProxy);
    TableViewSetup::apply(m_queueView);
    m_queueView->setItemDelegateForColumn(QueueTableModel::Trend, new SparklineDelegate(this));
    m_queueView->setColumnWidth(QueueTableModel::Name, 140);
    m_queueView->setColumnWidth(QueueTableModel::Key, 220);
    m_queueView->setColumnWidth(QueueTableModel::Rate, 110);
    layout->addWidget(m_queueView, 1);
    connect(filter, &QLineEdit::textChanged, m_queueProxy, &TableFilterProxy::setFilterText);
    return tab;
}

QWidget* ClusterPage::buildWorkersTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* bar = new QHBoxLayout;
    auto* filter = filterEdit(tr("Filter workers or jobs"), tab);
    filter->setObjectName(u"workerFilter"_s);
    m_orphanedOnly = new QCheckBox(tr("&Orphaned only"), tab);
    m_workerNote = new QLabel(tab);
    bar->addWidget(filter, 1);
    bar->addWidget(m_orphanedOnly);
    bar->addWidget(m_workerNote);
    layout->addLayout(bar);
    m_workers = new WorkerTableModel(this);
    m_workerProxy = new TableFilterProxy(this);
    m_workerProxy->setSourceModel(m_workers);
    m_workerView = new QTableView(tab);
    m_workerView->setObjectName(u"workerView"_s);
    m_workerView->setModel(m_workerProxy);
    TableViewSetup::apply(m_workerView);
    m_workerView->setColumnWidth(WorkerTableModel::Id, 300);
    m_workerView->setColumnWidth(WorkerTableModel::CurrentJob, 220);
    layout->addWidget(m_workerView, 1);
    connect(filter, &QLineEdit::textChanged, m_workerProxy, &TableFilterProxy::setFilterText);
    connect(m_orphanedOnly, &QCheckBox::toggled, this, [this](bool only) {
        if (!only) {
            m_workerProxy->setPredicate({});
            return;
        }
        m_workerProxy->setPredicate([](const QAbstractItemModel& model, int row) {
            return model.index(row, 0).data(HighlightRole).toBool();
        });
    });
    return tab;
}

void ClusterPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_healthDirty)
        refreshHealth();
    if (m_statsDirty)
        refreshStats();
}

void ClusterPage::refreshHealth()
{
    m_healthDirty = !isVisible();
    if (m_healthDirty)
        return;
    const ClusterConfig* config = m_manager.config().cluster(m_cluster);
    // None when removed or disabled a moment ago; the window drops this page next.
    if (const auto health = m_manager.findHealth(m_cluster))
        m_summary->showHealth(*health, config && config->readOnly);
}

void ClusterPage::refreshStats()
{
    m_statsDirty = !isVisible();
    if (m_statsDirty)
        return;
    const std::optional<ClusterStats> stats = m_manager.cachedStats(m_cluster);
    m_summary->showStats(stats);
    if (!stats)
        return;
    m_throughput->refresh();
    refreshQueues(*stats);
    refreshWorkers(*stats);
    // A system with a retry set (a count, even 0) gets its own tab for it, next to the dead
    // letters; one without never shows an empty one.
    if (stats->retryCount && !m_retries) {
        m_retries = new DeadLetterPanel(m_cluster, m_actions, m_settings, m_tabs, u"retry"_s);
        m_retries->setObjectName(u"retryPanel"_s);
        m_tabs->insertTab(RetriesTab, m_retries, tr("&Retries"));
    }
}

void ClusterPage::refreshWorkers(const ClusterStats& stats)
{
    m_workers->replaceRows(stats.workers);
    for (const int column : {WorkerTableModel::Host, WorkerTableModel::Pid, WorkerTableModel::Busy,
             WorkerTableModel::Concurrency})
        m_workerView->setColumnHidden(column, !m_workers->hasValues(column));
    if (!stats.workerCount) {
        m_workerNote->setText(
            tr("Workers unknown: the queue system does not show them on this Redis"));
        return;
    }
    m_workerNote->setText(stats.workersComplete
            ? tr("%n worker(s)", nullptr, int(stats.workers.size()))
            : tr("%n worker(s) so far (discovery still scanning)", nullptr,
                int(stats.workers.size())));
}

void ClusterPage::refreshQueues(const ClusterStats& stats)
{
    const TrendStore& trends = m_manager.trends();
    const qint64 now = stats.polledAt.toMSecsSinceEpoch();
    QList<QueueRow> rows;
    for (const QueueStat& queue : stats.queues) {
        const QList<TrendSample> samples = trends.series(
            m_cluster, TrendStore::queueMetric(queue.name), now - kSparklineWindowMs);
        QueueRow row {queue.name, queue.key, queue.length, queue.paused,
            growth(samples, now - kGrowthWindowMs), {}, queue.states, queue.pausable,
            queue.oldestJobAgeMs};
        const QList<TrendSample> peaks = trendPeaks(samples, kSparklinePoints);
        row.trend.reserve(peaks.size());
        for (const TrendSample& sample : peaks)
            row.trend.append(sample.value);
        rows.append(row);
    }
    m_queues->replaceRows(rows);
    // Only the states this cluster's queue system has: a column of dashes would read as
    // "nothing there" where the system simply keeps no such state.
    for (int column = QueueTableModel::FirstOptional; column <= QueueTableModel::LastOptional;
         ++column)
        m_queueView->setColumnHidden(column, !m_queues->hasValues(column));
}

} // namespace qd::gui
