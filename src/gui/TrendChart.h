#pragma once

#include <QChartView>
#include <QColor>
#include <QHash>
#include <QList>
#include <QString>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace qd {
class TrendStore;
}

namespace qd::gui {

// One metric's trend for several clusters: a line per cluster in the cluster's colour over the
// trend store's window (an hour at poll resolution), a time axis, and the value under the
// pointer as a tooltip.
class TrendChart final : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrendChart)

public:
    struct Line {
        QString cluster;
        QString label;
        QColor color;
    };

    TrendChart(const TrendStore& trends, QWidget* parent = nullptr);

    void setLines(const QList<Line>& lines);
    // Makes (hidden) series for up to `count` lines now, so that setLines() later only fills
    // them: adding a series to a chart lays the whole chart out again.
    void reserveLines(qsizetype count);
    void setMetric(const QString& metric);
    const QString& metric() const { return m_metric; }
    // Reads the series again from the trend store.
    void refresh();
    // Follows a palette change (light/dark).
    void applyPalette();

    QLineSeries* seriesOf(const QString& cluster) const { return m_series.value(cluster); }
    // Points each line is drawn with at most, from the plot's width.
    qsizetype pointsPerLine() const;
    // The value axis for a highest wanted value: round labels from 0 (see the .cpp).
    struct ValueScale {
        double top = 0;
        int ticks = 0; // labels, 0 and the top included
    };
    static ValueScale niceScale(double wanted);
    QString lastHoverText() const { return m_hoverText; }
    // The text the tooltip shows for a point of one cluster's line.
    QString hoverText(const QString& cluster, const QPointF& point) const;

private:
    void updateAxes(qint64 first, qint64 last, double top);
    void onHovered(const QString& cluster, const QPointF& point, bool entered);

    const TrendStore& m_trends;
    QChart* m_chart = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_values = nullptr;
    QList<Line> m_lines;
    QHash<QString, QLineSeries*> m_series; // cluster -> its line, for the current lines
    QList<QLineSeries*> m_pool; // every series made so far, in line order
    QString m_metric;
    QString m_hoverText;
    qint64 m_timeStart = 0;
    qint64 m_timeEnd = 0;
    qsizetype m_pointsPerLine = 0; // what the lines were last drawn with
    bool m_rescale = true;
};

} // namespace qd::gui
