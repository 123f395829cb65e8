#include "gui/ThroughputChart.h"

#include "core/engine/Manager.h"
#include "gui/Format.h"
#include "gui/HealthStyle.h"
#include "gui/TrendChart.h"
#include "gui/TrendPeaks.h"

#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

QList<QPointF> toPoints(const QList<TrendSample>& samples, qsizetype maxPoints, double* top)
{
    QList<QPointF> points;
    const QList<TrendSample> peaks = trendPeaks(samples, maxPoints);
    points.reserve(peaks.size());
    for (const TrendSample& peak : peaks) {
        points.append(QPointF(double(peak.atMs), peak.value));
        *top = std::max(*top, peak.value);
    }
    return points;
}

// The sample nearest in time to atMs; nullopt for an empty series.
std::optional<TrendSample> nearest(const QList<TrendSample>& samples, qint64 atMs)
{
    if (samples.isEmpty())
        return std::nullopt;
    const auto after = std::lower_bound(samples.cbegin(), samples.cend(), atMs,
        [](const TrendSample& s, qint64 at) { return s.atMs < at; });
    if (after == samples.cbegin())
        return *after;
    if (after == samples.cend())
        return samples.last();
    const auto before = std::prev(after);
    return (atMs - before->atMs) <= (after->atMs - atMs) ? *before : *after;
}

} // namespace

ThroughputChart::ThroughputChart(QString cluster, const Manager& manager, QWidget* parent)
    : QWidget(parent), m_cluster(std::move(cluster)), m_manager(manager)
{
    setObjectName(u"throughputChart"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Throughput</b>"), this);
    m_range = new QComboBox(this);
    m_range->setObjectName(u"throughputRange"_s);
    m_range->addItem(tr("Last 5 minutes"), 5);
    m_range->addItem(tr("Last 15 minutes"), 15);
    m_range->addItem(tr("Last hour"), 60);
    m_range->setCurrentIndex(1);
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(m_range);
    layout->addLayout(bar);

    m_view = new QChartView(this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    m_chart = m_view->chart(); // the view's own chart (see TrendChart)
    if (QGraphicsScene* scene = m_chart->scene())
        scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_time = new QDateTimeAxis(m_chart);
    m_time->setFormat(u"HH:mm"_s);
    m_time->setTickCount(6);
    m_rates = new QValueAxis(m_chart);
    m_rates->setLabelFormat(u"%.4g"_s);
    m_queued = new QValueAxis(m_chart);
    m_queued->setLabelFormat(u"%.6g"_s);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_rates, Qt::AlignLeft);
    m_chart->addAxis(m_queued, Qt::AlignRight);
    const auto addSeries = [this](const QString& name, QValueAxis* axis) {
        auto* series = new QLineSeries(m_chart);
        series->setName(name);
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(axis);
        connect(series, &QLineSeries::hovered, this, &ThroughputChart::onHovered);
        return series;
    };
    m_completed = addSeries(tr("Completed/s"), m_rates);
    m_failed = addSeries(tr("Failed/s"), m_rates);
    m_backlog = addSeries(tr("Backlog (right axis)"), m_queued);
    layout->addWidget(m_view, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this,
        [this] { setRangeMinutes(m_range->currentData().toInt()); });
    redrawOnPlotResize(
        m_chart, this, [this] { return pointsPerLine(); }, [this] { return m_pointsPerLine; },
        [this] { refresh(); });
    applyPalette();
}

qsizetype ThroughputChart::pointsPerLine() const
{
    return chartPointsFor(m_chart->plotArea().width(), m_view->viewport()->width() - 120);
}

void ThroughputChart::setRangeMinutes(int minutes)
{
    m_rangeMinutes = minutes;
    const int item = m_range->findData(minutes);
    if (item >= 0 && item != m_range->currentIndex()) {
        const QSignalBlocker blocker(m_range);
        m_range->setCurrentIndex(item);
    }
    refresh();
}

QList<TrendSample> ThroughputChart::perSecondGrowth(const QList<TrendSample>& counts)
{
    QList<TrendSample> rates;
    if (counts.size() < 2)
        return rates;
    rates.reserve(counts.size() - 1);
    for (qsizetype i = 1; i < counts.size(); ++i) {
        const TrendSample& before = counts.at(i - 1);
        const TrendSample& after = counts.at(i);
        const qint64 ms = after.atMs - before.atMs;
        if (ms <= 0)
            continue;
        const double grown = std::max(0.0, after.value - before.value);
        rates.append({after.atMs, grown * 1000.0 / double(ms)});
    }
    return rates;
}

void ThroughputChart::refresh()
{
    const TrendStore& trends = m_manager.trends();
    const qint64 end = m_manager.clock().wallNow().toMSecsSinceEpoch();
    const qint64 start = end - qint64(m_rangeMinutes) * 60'000;
    m_completedSamples = trends.series(m_cluster, u"job_rate"_s, start);
    // One sample before the window, so the first interval inside it has a rate.
    m_failedSamples
        = perSecondGrowth(trends.series(m_cluster, u"dead_letter_count"_s, start - 60'000));
    while (!m_failedSamples.isEmpty() && m_failedSamples.first().atMs < start)
        m_failedSamples.removeFirst();
    m_backlogSamples = trends.series(m_cluster, u"queue_size"_s, start);

    m_pointsPerLine = pointsPerLine();
    double rateTop = 0;
    double backlogTop = 0;
    m_completed->replace(toPoints(m_completedSamples, m_pointsPerLine, &rateTop));
    m_failed->replace(toPoints(m_failedSamples, m_pointsPerLine, &rateTop));
    m_backlog->replace(toPoints(m_backlogSamples, m_pointsPerLine, &backlogTop));

    const qint64 oldest = m_backlogSamples.isEmpty() ? end : m_backlogSamples.first().atMs;
    // A cluster polled for less than the range is drawn over the time it has been polled (a
    // minute at least), not squeezed into the right edge of an empty hour.
    const qint64 shownFrom = std::max(start, std::min(oldest, end - 60'000));
    m_time->setRange(
        QDateTime::fromMSecsSinceEpoch(shownFrom), QDateTime::fromMSecsSinceEpoch(end));
    const QString format = end - shownFrom <= 15 * 60'000 ? u"HH:mm:ss"_s : u"HH:mm"_s;
    if (m_time->format() != format)
        m_time->setFormat(format);
    const auto scale = [](QValueAxis* axis, double top, double floor) {
        const TrendChart::ValueScale nice = TrendChart::niceScale(std::max(top * 1.1, floor));
        if (axis->tickCount() != nice.ticks)
            axis->setTickCount(nice.ticks);
        if (axis->min() != 0 || axis->max() != nice.top)
            axis->setRange(0, nice.top);
    };
    scale(m_rates, rateTop, 1.0);
    scale(m_queued, backlogTop, 1.0);
}

void ThroughputChart::applyPalette()
{
    const QPalette palette = QApplication::palette();
    m_chart->setBackgroundBrush(palette.color(QPalette::Base));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setLabelColor(palette.color(QPalette::Text));
    QColor grid = palette.color(QPalette::Text);
    grid.setAlphaF(0.12f);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_time),
             static_cast<QAbstractAxis*>(m_rates), static_cast<QAbstractAxis*>(m_queued)}) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    m_queued->setGridLineVisible(false); // one grid, the rates'
    m_completed->setPen(QPen(HealthStyle::color(HealthStatus::Healthy), 2));
    m_failed->setPen(QPen(HealthStyle::color(Severity::Critical), 2));
    QColor backlog = palette.color(QPalette::Highlight);
    m_backlog->setPen(QPen(backlog, 1.5, Qt::DashLine));
}

void ThroughputChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

QString ThroughputChart::hoverText(qint64 atMs) const
{
    const std::optional<TrendSample> completed = nearest(m_completedSamples, atMs);
    const std::optional<TrendSample> failed = nearest(m_failedSamples, atMs);
    const std::optional<TrendSample> backlog = nearest(m_backlogSamples, atMs);
    const qint64 at = completed ? completed->atMs : backlog ? backlog->atMs : atMs;
    QStringList lines {Format::time(QDateTime::fromMSecsSinceEpoch(at).toUTC())};
    lines.append(
        tr("Completed: %1").arg(completed ? Format::rate(completed->value) : Format::dash()));
    lines.append(tr("Failed: %1").arg(failed ? Format::rate(failed->value) : Format::dash()));
    lines.append(
        tr("Backlog: %1")
            .arg(backlog ? Format::count(qint64(std::llround(backlog->value))) : Format::dash()));
    return lines.join(u'\n');
}

void ThroughputChart::onHovered(const QPointF& point, bool entered)
{
    if (!entered) {
        QToolTip::hideText();
        return;
    }
    m_hoverText = hoverText(qint64(std::llround(point.x())));
    QToolTip::showText(QCursor::pos(), m_hoverText, this);
}

} // namespace qd::gui
