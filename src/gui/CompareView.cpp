#include "gui/CompareView.h"

#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/ColorNames.h"
#include "gui/AnomalyTableModel.h"
#include "gui/CompareTableModel.h"
#include "gui/Format.h"
#include "gui/GuiSettings.h"
#include "gui/HealthStyle.h"
#include "gui/Icons.h"
#include "gui/MessageBox.h"
#include "gui/TableFilterProxy.h"
#include "gui/TableViewSetup.h"
#include "gui/TrendChart.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

constexpr int kRefreshDelayMs = 250; // polls of several clusters land together: one refresh
constexpr qint64 kChartIntervalMs = 1000;

QColor colorOf(const ClusterConfig& cluster)
{
    return QColor(resolveColor(cluster.color).value_or(u"#9e9e9e"_s));
}

} // namespace

CompareView::CompareView(Manager& manager, GuiSettings& settings, QWidget* parent)
    : QWidget(parent), m_manager(manager), m_settings(settings)
{
    setObjectName(u"compareView"_s);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_jobs = new CompareTableModel(this);
    m_workers = new CompareTableModel(this);
    m_anomalies = new AnomalyTableModel(this);
    m_jobsView = tableFor(m_jobs, u"compareJobsView"_s);
    QTableView* workersView = tableFor(m_workers, u"compareWorkersView"_s);
    QTableView* anomaliesView = tableFor(m_anomalies, u"anomaliesView"_s);
    anomaliesView->sortByColumn(AnomalyTableModel::SeverityColumn, Qt::DescendingOrder);
    // The description is the long one: it takes the width, the wrapped text its tooltip.
    anomaliesView->horizontalHeader()->setStretchLastSection(false);
    anomaliesView->horizontalHeader()->setSectionResizeMode(
        AnomalyTableModel::Description, QHeaderView::Stretch);

    m_metric = new QComboBox(this);
    m_metric->setObjectName(u"trendMetric"_s);
    for (const QString& metric : {u"queue_size"_s, u"processing_count"_s, u"dead_letter_count"_s,
             u"job_rate"_s, u"error_rate"_s, u"worker_count"_s, u"latency_ms"_s})
        m_metric->addItem(Format::metricTitle(metric), metric);
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(m_settings.compareMetric())));
    m_chart = new TrendChart(m_manager.trends(), this);
    m_chart->setMinimumHeight(220);
    // Made now rather than on the first switch into the view (each costs a chart layout).
    m_chart->reserveLines(CompareModeConfig::kMaxClusters);
    m_chart->setMetric(m_metric->currentData().toString());
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        const QString metric = m_metric->currentData().toString();
        m_settings.setCompareMetric(metric);
        m_chart->setMetric(metric);
    });

    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->setObjectName(u"compareTablesSplitter"_s);
    tables->addWidget(titled(tr("Jobs"), m_jobsView));
    tables->addWidget(titled(tr("Workers"), workersView));
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->setObjectName(u"compareBottomSplitter"_s);
    bottom->addWidget(titled(tr("Trend"), m_chart, m_metric));
    bottom->addWidget(titled(tr("Anomalies"), anomaliesView));
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto* outer = new QSplitter(Qt::Vertical, this);
    outer->setObjectName(u"compareSplitter"_s);
    outer->addWidget(tables);
    outer->addWidget(bottom);
    layout->addWidget(outer, 1);
    m_splitters = {outer, tables, bottom};
    for (QSplitter* splitter : std::as_const(m_splitters)) {
        m_settings.restoreSplitter(splitter);
        connect(splitter, &QSplitter::splitterMoved, this,
            [this, splitter] { m_settings.saveSplitter(splitter); });
    }

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] { refreshNow(); });
    m_chartTimer = new QTimer(this);
    m_chartTimer->setSingleShot(true);
    connect(m_chartTimer, &QTimer::timeout, this, [this] {
        m_chartClock.start();
        m_chart->refresh();
    });
    connect(&m_manager, &Manager::statsUpdated, this, [this](const QString& cluster) {
        if (m_clusters.contains(cluster))
            scheduleRefresh();
    });
    rebuildPicker();
}

QWidget* CompareView::buildHeader()
{
    auto* header = new QWidget(this);
    auto* row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Compare:"), header));
    // One chip per cluster, in a row that scrolls sideways: laid out plainly, fifty clusters'
    // chips would make the view wider than the window, which would then grow (and be painted
    // anew at its new size) on the first switch into compare mode.
    auto* chips = new QWidget;
    m_chipLayout = new QHBoxLayout(chips);
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setAlignment(Qt::AlignLeft);
    m_chipScroll = new QScrollArea(header);
    m_chipScroll->setObjectName(u"compareChips"_s);
    m_chipScroll->setWidget(chips);
    m_chipScroll->setWidgetResizable(true);
    m_chipScroll->setFrameShape(QFrame::NoFrame);
    m_chipScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chipScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_chipScroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row->addWidget(m_chipScroll, 1);
    m_threshold = new QLabel(header);
    row->addWidget(m_threshold);
    auto* exportButton = new QToolButton(header);
    exportButton->setObjectName(u"exportButton"_s);
    exportButton->setText(tr("&Export"));
    exportButton->setIcon(Icons::icon(u"export"_s));
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton);
    menu->addAction(
        tr("As &CSV…"), this, [this] { exportInteractive(CompareExporter::Format::Csv); });
    menu->addAction(
        tr("As &JSON…"), this, [this] { exportInteractive(CompareExporter::Format::Json); });
    exportButton->setMenu(menu);
    row->addWidget(exportButton);
    return header;
}

QWidget* CompareView::titled(const QString& title, QWidget* content, QWidget* extra)
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* head = new QHBoxLayout;
    auto* label = new QLabel(title, box);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setBuddy(content);
    head->addWidget(label);
    head->addStretch();
    if (extra)
        head->addWidget(extra);
    layout->addLayout(head);
    layout->addWidget(content, 1);
    return box;
}

QTableView* CompareView::tableFor(QAbstractItemModel* model, const QString& name)
{
    auto* proxy = new TableFilterProxy(this);
    proxy->setSourceModel(model);
    auto* view = new QTableView(this);
    view->setObjectName(name);
    view->setModel(proxy);
    TableViewSetup::apply(view);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

void CompareView::rebuildPicker()
{
    for (QToolButton* chip : std::as_const(m_chips))
        delete chip;
    m_chips.clear();
    for (const QString& name : m_manager.enabledClusters()) {
        const ClusterConfig& cluster = m_manager.cluster(name);
        auto* chip = new QToolButton(this);
        chip->setObjectName(u"chip_"_s + name);
        chip->setText(cluster.displayLabel());
        chip->setIcon(HealthStyle::dot(colorOf(cluster)));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setCheckable(true);
        chip->setChecked(m_clusters.contains(name));
        chip->setProperty("cluster", name);
        chip->setAutoRaise(true);
        connect(chip, &QToolButton::toggled, this, &CompareView::onChipToggled);
        chip->installEventFilter(this); // scrolls a chip that gets the focus into view
        m_chipLayout->addWidget(chip);
        m_chips.append(chip);
    }
    // Room for the chips and, when they overflow, the scroll bar under them.
    const int chipHeight = m_chips.isEmpty() ? 0 : m_chips.first()->sizeHint().height();
    m_chipScroll->setFixedHeight(
        chipHeight + m_chipScroll->horizontalScrollBar()->sizeHint().height());
    onChipToggled();
}

void CompareView::onChipToggled()
{
    QStringList chosen;
    for (const QToolButton* chip : std::as_const(m_chips)) {
        if (chip->isChecked())
            chosen.append(chip->property("cluster").toString());
    }
    // At most four: the others wait until one is unticked.
    for (QToolButton* chip : std::as_const(m_chips))
        chip->setEnabled(chip->isChecked() || chosen.size() < CompareModeConfig::kMaxClusters);
    if (chosen == m_clusters)
        return;
    if (chosen.size() >= CompareModeConfig::kMinClusters) {
        Q_EMIT clustersChosen(chosen);
    } else if (!m_chips.isEmpty()) {
        m_message->setText(tr("Choose two to four clusters to compare."));
        m_message->show();
    }
}

void CompareView::setClusters(const QStringList& clusters)
{
    m_clusters = clusters;
    for (QToolButton* chip : std::as_const(m_chips)) {
        const QSignalBlocker blocker(chip);
        chip->setChecked(clusters.contains(chip->property("cluster").toString()));
        chip->setEnabled(chip->isChecked() || clusters.size() < CompareModeConfig::kMaxClusters);
    }
    QList<CompareTableModel::Column> columns;
    QList<TrendChart::Line> lines;
    // Clusters of different queue systems say which is which in their column heads.
    QSet<QueueSystemType> systems;
    for (const QString& name : clusters) {
        if (const ClusterConfig* cluster = m_manager.config().cluster(name))
            systems.insert(cluster->queueSystem.type);
    }
    for (const QString& name : clusters) {
        const ClusterConfig* cluster = m_manager.config().cluster(name);
        if (!cluster)
            continue;
        const QString head = systems.size() > 1 ? tr("%1 (%2)").arg(cluster->displayLabel(),
                                 queueSystemTypeName(cluster->queueSystem.type))
                                                : cluster->displayLabel();
        columns.append({name, head, colorOf(*cluster)});
        lines.append({name, cluster->displayLabel(), colorOf(*cluster)});
    }
    m_jobs->setColumns(columns);
    m_workers->setColumns(columns);
    m_chart->setLines(lines); // reads the chart's series itself
    refreshNow(ChartToo::No);
}

QHash<QString, QString> CompareView::labels() const
{
    QHash<QString, QString> labels;
    for (const ClusterConfig& cluster : m_manager.config().clusters)
        labels.insert(cluster.name, cluster.displayLabel());
    return labels;
}

QString CompareView::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void CompareView::scheduleRefresh()
{
    m_dirty = true;
    if (isVisible() && !m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void CompareView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refreshNow();
}

bool CompareView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::FocusIn) {
        if (auto* chip = qobject_cast<QToolButton*>(watched))
            m_chipScroll->ensureWidgetVisible(chip);
    }
    return QWidget::eventFilter(watched, event);
}

void CompareView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_chart->applyPalette();
}

QList<CompareMetric> CompareView::systemSpecificMetrics(const QStringList& clusters) const
{
    // Figures only some queue systems keep: shown for the clusters that have them, and
    // compared only when two or more do.
    using Getter = std::optional<qint64> (*)(const ClusterStats&);
    static const QList<std::pair<QString, Getter>> kinds {
        {u"scheduled_count"_s, [](const ClusterStats& s) { return s.scheduledCount; }},
        {u"retry_count"_s, [](const ClusterStats& s) { return s.retryCount; }},
        {u"oldest_job_age_ms"_s, [](const ClusterStats& s) { return s.oldestJobAgeMs; }}};
    QList<CompareMetric> metrics;
    for (const auto& [name, get] : kinds) {
        CompareMetric metric;
        metric.name = name;
        for (const QString& cluster : clusters) {
            const std::optional<ClusterStats> stats = m_manager.cachedStats(cluster);
            if (const std::optional<qint64> value = stats ? get(*stats) : std::nullopt)
                metric.values.insert(cluster, double(*value));
        }
        if (metric.values.isEmpty())
            continue;
        if (metric.values.size() >= 2) {
            const auto [low, high]
                = std::minmax_element(metric.values.cbegin(), metric.values.cend());
            metric.delta = *high - *low;
        }
        metrics.append(metric);
    }
    return metrics;
}

void CompareView::refreshNow(ChartToo chartToo)
{
    m_dirty = false;
    const CompareModeConfig& mode = m_manager.compareMode();
    m_threshold->setText(mode.highlightDeltas
            ? tr("Highlighting differences over %1 %").arg(Format::number(mode.deltaThreshold, 1))
            : tr("Highlighting is off"));
    if (m_clusters.size() < CompareModeConfig::kMinClusters) {
        m_message->setText(tr("Choose two to four clusters to compare."));
        m_message->show();
        return;
    }
    QStringList available;
    QStringList waiting;
    for (const QString& name : std::as_const(m_clusters)) {
        if (m_manager.cachedStats(name)) {
            available.append(name);
        } else {
            waiting.append(labels().value(name, name));
        }
    }
    m_message->setText(tr("Waiting for the first poll of %1.").arg(waiting.join(u", "_s)));
    m_message->setVisible(!waiting.isEmpty());
    try {
        m_result = available.isEmpty() ? CompareResult {} : m_manager.compare(available);
    } catch (const QueueDeckError& e) {
        m_message->setText(e.message());
        m_message->show();
        return;
    }
    QList<CompareMetric> jobs;
    QList<CompareMetric> workers;
    for (const CompareMetric& metric : std::as_const(m_result.metrics)) {
        if (metric.name == u"worker_count")
            workers.append(metric);
        else
            jobs.append(metric);
    }
    workers.append(m_result.workerMetrics);
    jobs.append(systemSpecificMetrics(available));
    m_jobs->setMetrics(jobs);
    m_workers->setMetrics(workers);
    m_anomalies->setLabels(labels());
    m_anomalies->replaceRows(m_result.anomalies);
    // Polls of the compared clusters land at different moments; the chart (the costly part to
    // draw) follows at most once per second.
    if (chartToo == ChartToo::No) {
        m_chartClock.start();
        m_chartTimer->stop();
    } else if (!m_chartClock.isValid() || m_chartClock.elapsed() >= kChartIntervalMs) {
        m_chartClock.start();
        m_chart->refresh();
    } else if (!m_chartTimer->isActive()) {
        m_chartTimer->start(int(kChartIntervalMs - m_chartClock.elapsed()));
    }
}

CompareExporter CompareView::exporter() const
{
    return CompareExporter(m_result, labels(), QDateTime::currentDateTimeUtc());
}

void CompareView::exportInteractive(CompareExporter::Format format)
{
    const bool csv = format == CompareExporter::Format::Csv;
    const QString suggested = u"queuedeck-compare-%1.%2"_s.arg(
        QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s), csv ? u"csv"_s : u"json"_s);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export comparison"), suggested,
        csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exporter().write(path, format, &error))
        MessageBox::critical(
            this, tr("Export comparison"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace qd::gui
