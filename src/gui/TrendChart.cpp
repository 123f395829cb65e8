#include "gui/TrendChart.h"

#include "core/stats/TrendStore.h"
#include "gui/Format.h"
#include "gui/Theme.h"
#include "gui/TrendPeaks.h"

#include <QApplication>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace qd::gui {
namespace {

constexpr int kValueIntervals = 5; // about this many steps up the value axis

QList<QPointF> downsample(const QList<TrendSample>& samples, qsizetype maxPoints)
{
    QList<QPointF> points;
    const QList<TrendSample> peaks = trendPeaks(samples, maxPoints);
    points.reserve(peaks.size());
    for (const TrendSample& peak : peaks)
        points.append(QPointF(double(peak.atMs), peak.value));
    return points;
}

} // namespace

TrendChart::TrendChart(const TrendStore& trends, QWidget* parent)
    : QChartView(parent), m_trends(trends)
{
    setObjectName(QStringLiteral("trendChart"));
    // The view's own chart: QChartView makes one in its constructor, and setChart() with
    // another would release that one without deleting it (a leak the sanitized suite found).
    m_chart = chart();
    // Lines change every second: keeping a BSP index of their items up to date costs more than
    // it saves in a scene of a dozen items.
    if (QGraphicsScene* scene = m_chart->scene())
        scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    setRenderHint(QPainter::Antialiasing);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_time = new QDateTimeAxis(m_chart);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(7);
    m_values = new QValueAxis(m_chart);
    m_values->setLabelFormat(QStringLiteral("%.4g"));
    m_values->setMin(0);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_values, Qt::AlignLeft);
    redrawOnPlotResize(
        m_chart, this, [this] { return pointsPerLine(); }, [this] { return m_pointsPerLine; },
        [this] { refresh(); });
    applyPalette();
}

qsizetype TrendChart::pointsPerLine() const
{
    return chartPointsFor(m_chart->plotArea().width(), viewport()->width() - 80);
}

TrendChart::ValueScale TrendChart::niceScale(double wanted)
{
    // Labels from 0 in steps of 1, 2, 2.5 or 5 times a power of ten, the smallest such step
    // that reaches `wanted` in about kValueIntervals steps; the top is the first step at or
    // above `wanted`. Worked out here rather than by QValueAxis::applyNiceNumbers(), which
    // changes the range a second time (each change lays the axis out again).
    if (!(wanted > 0) || !std::isfinite(wanted))
        return {1.0, kValueIntervals + 1};
    const double rawStep = wanted / double(kValueIntervals);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rawStep)));
    double step = 10 * magnitude;
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (factor * magnitude >= rawStep * (1 - 1e-9)) {
            step = factor * magnitude;
            break;
        }
    }
    const double intervals = std::max(1.0, std::ceil(wanted / step - 1e-9));
    return {step * intervals, int(intervals) + 1};
}

void TrendChart::applyPalette()
{
    const QPalette palette = QApplication::palette();
    m_chart->setBackgroundBrush(palette.color(QPalette::Base));
    m_chart->setBackgroundRoundness(0);
    m_chart->setTitleBrush(palette.color(QPalette::Text));
    m_chart->legend()->setLabelColor(palette.color(QPalette::Text));
    QColor grid = palette.color(QPalette::Text);
    grid.setAlphaF(0.12f);
    for (QAbstractAxis* axis :
        {static_cast<QAbstractAxis*>(m_time), static_cast<QAbstractAxis*>(m_values)}) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

void TrendChart::reserveLines(qsizetype count)
{
    // Series are kept and reused: adding and removing series re-lays out the whole chart
    // (legend, axes), which is what made switching the compared clusters slow.
    while (m_pool.size() < count) {
        auto* series = new QLineSeries(m_chart);
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_values);
        const qsizetype slot = m_pool.size();
        connect(
            series, &QLineSeries::hovered, this, [this, slot](const QPointF& point, bool entered) {
                if (slot < m_lines.size())
                    onHovered(m_lines.at(slot).cluster, point, entered);
            });
        series->setVisible(false);
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
        m_pool.append(series);
    }
}

void TrendChart::setLines(const QList<Line>& lines)
{
    reserveLines(lines.size());
    m_series.clear();
    m_lines = lines;
    m_rescale = true;
    for (qsizetype i = 0; i < m_pool.size(); ++i) {
        QLineSeries* series = m_pool.at(i);
        const bool used = i < lines.size();
        if (used) {
            series->setName(lines.at(i).label);
            series->setPen(QPen(lines.at(i).color, 2));
            m_series.insert(lines.at(i).cluster, series);
        } else {
            series->clear();
        }
        series->setVisible(used);
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(used);
    }
    refresh();
}

void TrendChart::setMetric(const QString& metric)
{
    m_metric = metric;
    m_rescale = true; // another metric, another scale
    m_chart->setTitle(Format::metricTitle(metric));
    refresh();
}

void TrendChart::refresh()
{
    if (m_metric.isEmpty())
        return;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    double top = 0;
    m_pointsPerLine = pointsPerLine();
    for (const Line& line : std::as_const(m_lines)) {
        const QList<TrendSample> samples = m_trends.series(line.cluster, m_metric);
        const QList<QPointF> points = downsample(samples, m_pointsPerLine);
        for (const QPointF& point : points)
            top = std::max(top, point.y());
        if (!samples.isEmpty()) {
            first = std::min(first, samples.first().atMs);
            last = std::max(last, samples.last().atMs);
        }
        m_series.value(line.cluster)->replace(points);
    }
    if (first > last) {
        last = QDateTime::currentMSecsSinceEpoch();
        first = last - 60'000;
    }
    updateAxes(first, last, top);
}

void TrendChart::updateAxes(qint64 first, qint64 last, double top)
{
    // Axes are the costly part of a chart update (labels laid out again): the time axis moves
    // in steps of a tenth of its span, the value axis only when the data outgrows it or falls
    // well below it. The lines themselves follow every refresh.
    if (last - first < 10'000)
        first = last - 10'000; // a young chart spans a few seconds rather than a single column
    const qint64 step = std::max<qint64>(5'000, (last - first) / 10);
    const qint64 end = (last / step + 1) * step;
    if (end != m_timeEnd || first != m_timeStart) {
        m_timeStart = first;
        m_timeEnd = end;
        m_time->setRange(
            QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(end));
        const QString format
            = end - first > 2 * 3600'000 ? QStringLiteral("dd HH:mm") : QStringLiteral("HH:mm:ss");
        if (m_time->format() != format)
            m_time->setFormat(format);
    }
    // Headroom above the highest value, and a visible scale when everything is zero.
    const double wanted = top > 0 ? top * 1.1 : (m_metric == u"error_rate" ? 0.01 : 1.0);
    if (m_rescale || wanted > m_values->max() || wanted < m_values->max() * 0.4) {
        m_rescale = false;
        const ValueScale scale = niceScale(wanted);
        if (scale.ticks != m_values->tickCount())
            m_values->setTickCount(scale.ticks);
        if (scale.top != m_values->max() || m_values->min() != 0)
            m_values->setRange(0, scale.top);
    }
}

QString TrendChart::hoverText(const QString& cluster, const QPointF& point) const
{
    QString label = cluster;
    for (const Line& line : m_lines) {
        if (line.cluster == cluster)
            label = line.label;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(point.x())));
    return tr("%1 at %2: %3")
        .arg(label, Format::time(at.toUTC()), Format::metricValue(m_metric, point.y()));
}

void TrendChart::onHovered(const QString& cluster, const QPointF& point, bool entered)
{
    if (!entered) {
        QToolTip::hideText();
        return;
    }
    m_hoverText = hoverText(cluster, point);
    QToolTip::showText(QCursor::pos(), m_hoverText, this);
}

} // namespace qd::gui
