#include "gui/OverviewPage.h"

#include "core/engine/Manager.h"
#include "core/stats/TrendStore.h"
#include "core/util/ColorNames.h"
#include "gui/HealthStyle.h"
#include "gui/OverviewModel.h"
#include "gui/SparklineDelegate.h"
#include "gui/TableViewSetup.h"
#include "gui/TrendPeaks.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

constexpr qint64 kSparklineWindowMs = 10 * 60 * 1000;
// An overview sparkline is narrower than a queue's: 60 peaks are as many as it can show.
constexpr qsizetype kSparklinePoints = 60;
// Polls of 200 clusters at one second arrive 200 times a second; applying them in batches a
// few times a second costs one re-sort and one repaint per batch instead of per poll, and a
// person reading the table cannot tell the difference.
constexpr int kFlushIntervalMs = 250;
constexpr int kRowsPerTurn = 16;

QList<double> sparkline(
    const TrendStore& trends, const QString& cluster, const QString& metric, qint64 sinceMs)
{
    const QList<TrendSample> peaks
        = trendPeaks(trends.series(cluster, metric, sinceMs), kSparklinePoints);
    QList<double> values;
    values.reserve(peaks.size());
    for (const TrendSample& sample : peaks)
        values.append(sample.value);
    return values;
}

} // namespace

OverviewPage::OverviewPage(Manager& manager, QWidget* parent) : QWidget(parent), m_manager(manager)
{
    setObjectName(u"overviewPage"_s);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"overviewFilter"_s);
    m_filter->setPlaceholderText(tr("Filter clusters by name, group or issue"));
    m_filter->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"overviewSummary"_s);
    auto* switcher = new QPushButton(tr("&Go to cluster… (Ctrl+K)"), this);
    switcher->setObjectName(u"overviewQuickSwitch"_s);
    switcher->setFocusPolicy(Qt::TabFocus);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_summary);
    bar->addWidget(switcher);
    layout->addLayout(bar);

    m_model = new OverviewModel(this);
    m_proxy = new OverviewProxy(this);
    m_proxy->setSourceModel(m_model);
    m_view = new QTableView(this);
    m_view->setObjectName(u"overviewView"_s);
    m_view->setModel(m_proxy);
    TableViewSetup::apply(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(OverviewModel::Health, Qt::AscendingOrder);
    auto* sparklines = new SparklineDelegate(this);
    m_view->setItemDelegateForColumn(OverviewModel::JobTrend, sparklines);
    m_view->setItemDelegateForColumn(OverviewModel::ErrorTrend, sparklines);
    m_view->setColumnWidth(OverviewModel::Selected, 28);
    m_view->setColumnWidth(OverviewModel::Cluster, 170);
    m_view->setColumnWidth(OverviewModel::Group, 110);
    m_view->setColumnWidth(OverviewModel::Health, 280);
    m_view->setColumnWidth(OverviewModel::Backlog, 80);
    m_view->setColumnWidth(OverviewModel::JobRate, 75);
    m_view->setColumnWidth(OverviewModel::JobTrend, 90);
    m_view->setColumnWidth(OverviewModel::ErrorRate, 65);
    m_view->setColumnWidth(OverviewModel::ErrorTrend, 90);
    m_view->setColumnWidth(OverviewModel::DeadLetters, 85);
    m_view->setColumnWidth(OverviewModel::Workers, 65);
    layout->addWidget(m_view, 1);

    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &OverviewPage::flush);
    // The poll ages move every second even when no poll came in.
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_model->setNow(m_manager.clock().wallNow());
    });
    m_ageTimer->start();

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &OverviewProxy::setFilterText);
    connect(switcher, &QPushButton::clicked, this, &OverviewPage::quickSwitchRequested);
    connect(m_model, &OverviewModel::selectionToggled, this, &OverviewPage::selectionToggled);
    connect(m_view, &QTableView::activated, this, &OverviewPage::onActivated);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        // The check column selects; anywhere else on a row opens the cluster.
        if (index.column() != OverviewModel::Selected)
            onActivated(index);
    });
    connect(&m_manager, &Manager::statsUpdated, this, &OverviewPage::markDirty);
    connect(&m_manager, &Manager::healthUpdated, this, &OverviewPage::markDirty);
    connect(&m_manager, &Manager::clustersChanged, this, [this] {
        m_rebuild = true;
        if (!m_flushTimer->isActive())
            m_flushTimer->start(kFlushIntervalMs);
    });
    flush();
}

QString OverviewPage::currentCluster() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_proxy->clusterAt(current.row()) : QString();
}

void OverviewPage::setCurrentCluster(const QString& cluster)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (m_proxy->clusterAt(row) == cluster) {
            m_view->setCurrentIndex(m_proxy->index(row, OverviewModel::Cluster));
            return;
        }
    }
}

QStringList OverviewPage::shownOrder() const
{
    QStringList order;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        order.append(m_proxy->clusterAt(row));
    return order;
}

void OverviewPage::setSelectedClusters(const QStringList& selected)
{
    const QSet<QString> next(selected.cbegin(), selected.cend());
    if (next == m_selected)
        return;
    // Only the rows whose mark changed: the rest of the row is as it was.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        OverviewRow updated = m_model->rowAt(row);
        updated.selected = next.contains(updated.cluster);
        m_model->replaceRow(updated);
    }
    m_selected = next;
}

void OverviewPage::markDirty(const QString& cluster)
{
    m_dirty.insert(cluster);
    if (!m_flushTimer->isActive())
        m_flushTimer->start(kFlushIntervalMs);
}

void OverviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_model->setNow(m_manager.clock().wallNow());
    flush();
}

void OverviewPage::flush()
{
    m_flushTimer->stop();
    if (!isVisible() && m_model->rowCount() > 0)
        return; // gathered until the page is shown
    if (m_rebuild) {
        rebuild();
        return;
    }
    // At most kRowsPerTurn rows per turn of the event loop, the rest in the next turn: with
    // 200 clusters a batch holds about 50, and building them in one go would hold input back
    // for longer than a frame on a slow machine.
    int built = 0;
    for (auto it = m_dirty.begin(); it != m_dirty.end() && built < kRowsPerTurn;
         it = m_dirty.erase(it), ++built) {
        const auto order = m_configOrder.constFind(*it);
        if (order != m_configOrder.cend())
            m_model->replaceRow(buildRow(*it, *order));
    }
    if (built > 0)
        updateSummary();
    if (!m_dirty.isEmpty())
        m_flushTimer->start(0);
}

void OverviewPage::rebuild()
{
    m_rebuild = false;
    m_dirty.clear();
    m_groupOrder.clear();
    m_configOrder.clear();
    const QStringList enabled = m_manager.enabledClusters();
    for (const QString& name : enabled) {
        const QString group = m_manager.cluster(name).group;
        if (!group.isEmpty() && !m_groupOrder.contains(group))
            m_groupOrder.insert(group, int(m_groupOrder.size()));
    }
    QList<OverviewRow> rows;
    rows.reserve(enabled.size());
    for (qsizetype i = 0; i < enabled.size(); ++i) {
        m_configOrder.insert(enabled.at(i), int(i));
        rows.append(buildRow(enabled.at(i), int(i)));
    }
    m_model->replaceRows(rows);
    m_model->setNow(m_manager.clock().wallNow());
    updateSummary();
}

OverviewRow OverviewPage::buildRow(const QString& name, int configOrder) const
{
    const ClusterConfig& config = m_manager.cluster(name);
    OverviewRow row;
    row.cluster = name;
    row.label = config.displayLabel();
    row.color = QColor(resolveColor(config.color).value_or(u"#9e9e9e"_s));
    row.group = config.group;
    // Ungrouped clusters come after every group.
    row.groupOrder
        = config.group.isEmpty() ? int(m_groupOrder.size()) : m_groupOrder.value(config.group);
    row.configOrder = configOrder;
    row.selected = m_selected.contains(name);
    // Not started yet, or removed a moment ago: unknown until its next poll.
    if (const std::optional<HealthReport> health = m_manager.findHealth(name)) {
        row.status = health->status;
        row.worstSeverity = health->worstSeverity();
        row.issueCount = int(health->issues.size());
        if (!health->issues.isEmpty())
            row.worstIssue = health->issues.first().localMessage;
        row.lastPoll = health->lastChecked;
    }
    if (const std::optional<ClusterStats> stats = m_manager.cachedStats(name)) {
        row.hasStats = true;
        row.backlog = stats->totalQueued();
        row.jobRate = stats->jobRate;
        row.errorRate = stats->errorRate;
        row.ratesKnown = stats->ratesKnown;
        row.deadLetters = stats->deadLettersKnown ? std::optional<qint64>(stats->deadLetterCount)
                                                  : std::nullopt;
        row.workers = stats->workerCount;
        if (!row.lastPoll.isValid())
            row.lastPoll = stats->polledAt;
        const qint64 since = stats->polledAt.toMSecsSinceEpoch() - kSparklineWindowMs;
        const TrendStore& trends = m_manager.trends();
        row.jobTrend = sparkline(trends, name, u"job_rate"_s, since);
        row.errorTrend = sparkline(trends, name, u"error_rate"_s, since);
    }
    return row;
}

void OverviewPage::updateSummary()
{
    int unhealthy = 0;
    int degraded = 0;
    int unknown = 0;
    for (const OverviewRow& row : m_model->rows()) {
        unhealthy += row.status == HealthStatus::Unhealthy;
        degraded += row.status == HealthStatus::Degraded;
        unknown += row.status == HealthStatus::Unknown;
    }
    const int total = m_model->rowCount();
    QStringList parts {tr("%n cluster(s)", nullptr, total)};
    if (unhealthy > 0)
        parts.append(u"<span style=\"color:%1\">%2</span>"_s.arg(
            HealthStyle::color(HealthStatus::Unhealthy).name(), tr("%1 unhealthy").arg(unhealthy)));
    if (degraded > 0)
        parts.append(u"<span style=\"color:%1\">%2</span>"_s.arg(
            HealthStyle::color(HealthStatus::Degraded).name(), tr("%1 degraded").arg(degraded)));
    if (unknown > 0)
        parts.append(tr("%1 not polled yet").arg(unknown));
    const QString text = parts.join(u" · "_s);
    if (m_summary->text() != text) // a new text lays the window out again
        m_summary->setText(text);
}

void OverviewPage::onActivated(const QModelIndex& index)
{
    if (index.isValid())
        Q_EMIT openRequested(m_proxy->clusterAt(index.row()));
}

} // namespace qd::gui
